/** UN SALW categories (the schema's WeaponCategory), in the order of the UN's list; their names are common messages (`category.*`). */
export const WEAPON_CATEGORIES = [
  'PISTOL',
  'REVOLVER',
  'RIFLE',
  'SHOTGUN',
  'SUBMACHINE_GUN',
  'ASSAULT_RIFLE',
  'LIGHT_MACHINE_GUN',
  'HEAVY_MACHINE_GUN',
  'GRENADE_LAUNCHER',
  'PORTABLE_LAUNCHER',
  'MORTAR',
  'OTHER',
] as const;

export type WeaponCategory = (typeof WEAPON_CATEGORIES)[number];
