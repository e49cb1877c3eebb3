export { createSeizureGenerator, type GeneratedSeizure, type SeizureGenerator } from './seizureGenerator';
export { demoBrokers, type DemoAuthority, type DemoBroker, type DemoLicence } from './brokers';
export { createAnalysisScenario, REVOKED_DEMO_BROKER, type PlantedIdentity, type PlantedPatterns, type ScenarioSeizure } from './analysisScenario';
