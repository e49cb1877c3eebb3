export { freePort } from './ports';
export { tempDir, tempSqliteStore, type TempDir } from './tempFiles';
export { natsServerBin, startNatsCluster, startNatsServer, type NatsCluster, type NatsServer } from './natsServer';
// The generator lives where runtime code (the demo network's first start) may use it too.
export { createAnalysisScenario, createSeizureGenerator, type GeneratedSeizure, type PlantedPatterns, type ScenarioSeizure, type SeizureGenerator } from '@tracebridge/demo-data';
export { signedCaseOpened, signedSeizure, signedSeizures } from './signedEvents';
