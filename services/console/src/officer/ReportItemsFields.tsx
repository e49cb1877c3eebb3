import { Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../ui/CountrySelect';
import { WEAPON_CATEGORIES } from '../ui/weaponCategories';
import { ITEM_KINDS, emptyItem, type ItemForm, type ItemKind, type WeaponCategory } from './reportForm';
import { enumOptions, removeAt, replaceAt, type SectionProps } from './reportSection';

interface ItemProps {
  item: ItemForm;
  index: number;
  count: number;
  errors: Record<string, string>;
  onChange: (item: ItemForm) => void;
  onRemove: () => void;
}

/** One weapon, part or lot of ammunition, with its markings. */
function ItemFields({ item, index, count, errors, onChange, onRemove }: ItemProps) {
  const { t } = useTranslation('officer');
  const key = (f: keyof ItemForm) => `input.items.${index}.${f}`;
  const text = (f: 'manufacturer' | 'model' | 'calibre' | 'serialNumber' | 'importMarking' | 'quantity') => ({
    value: item[f],
    error: errors[key(f)],
    onChange: (e: { currentTarget: { value: string } }) => onChange({ ...item, [f]: e.currentTarget.value }),
  });
  return (
    <Fieldset legend={t('report.itemN', { n: index + 1 })}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <NativeSelect
          label={t('report.itemKind')}
          value={item.kind}
          data={enumOptions(ITEM_KINDS, t, 'itemKind')}
          onChange={(e) => onChange({ ...item, kind: e.currentTarget.value as ItemKind })}
          error={errors[key('kind')]}
        />
        <NativeSelect
          label={t('report.category')}
          value={item.category}
          data={enumOptions(WEAPON_CATEGORIES, t, 'category', true)}
          onChange={(e) => onChange({ ...item, category: e.currentTarget.value as WeaponCategory | '' })}
          error={errors[key('category')]}
        />
        <TextInput label={t('report.manufacturer')} {...text('manufacturer')} />
        <TextInput label={t('report.model')} {...text('model')} />
        <TextInput label={t('report.calibre')} description={t('report.calibreHint')} {...text('calibre')} />
        <TextInput label={t('report.serialNumber')} description={t('report.serialNumberHint')} {...text('serialNumber')} />
        <CountrySelect
          allowEmpty
          label={t('report.madeIn')}
          value={item.countryOfManufacture}
          onChange={(e) => onChange({ ...item, countryOfManufacture: e.currentTarget.value })}
          error={errors[key('countryOfManufacture')]}
        />
        <TextInput label={t('report.importMarking')} description={t('report.importMarkingHint')} {...text('importMarking')} />
        <TextInput type="number" min={1} step={1} label={t('report.quantity')} description={t('report.quantityHint')} {...text('quantity')} />
      </SimpleGrid>
      <Group justify="space-between" mt="sm">
        <Checkbox
          label={t('report.obliterated')}
          checked={item.serialObliterated}
          onChange={(e) => onChange({ ...item, serialObliterated: e.currentTarget.checked })}
          error={errors[key('serialObliterated')]}
        />
        {count > 1 ? (
          <Button variant="subtle" color="red" onClick={onRemove}>
            {t('report.removeItem', { n: index + 1 })}
          </Button>
        ) : null}
      </Group>
    </Fieldset>
  );
}

/** The items seized: at least one; add and remove as many as were seized. */
export function ReportItemsFields({ form, setForm, errors }: SectionProps) {
  const { t } = useTranslation('officer');
  return (
    <Stack gap="sm">
      {errors['input.items'] ? (
        <Text c="red.9" role="alert">
          {errors['input.items']}
        </Text>
      ) : null}
      {form.items.map((item, i) => (
        <ItemFields
          key={i}
          item={item}
          index={i}
          count={form.items.length}
          errors={errors}
          onChange={(next) => setForm((f) => ({ ...f, items: replaceAt(f.items, i, next) }))}
          onRemove={() => setForm((f) => ({ ...f, items: removeAt(f.items, i) }))}
        />
      ))}
      <Group>
        <Button variant="light" onClick={() => setForm((f) => ({ ...f, items: [...f.items, emptyItem()] }))}>
          {t('report.addItem')}
        </Button>
      </Group>
    </Stack>
  );
}
