export { freePort } from './ports';
export { tempDir, tempSqliteStore, type TempDir } from './tempFiles';
export { natsServerBin, startNatsCluster, startNatsServer, type NatsCluster, type NatsServer } from './natsServer';
export { createSeizureGenerator, type GeneratedSeizure, type SeizureGenerator } from './seizureGenerator';
export { signedSeizures } from './signedEvents';
