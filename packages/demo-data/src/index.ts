export { createSeizureGenerator, type GeneratedSeizure, type SeizureGenerator } from './seizureGenerator';
export { createAnalysisScenario, REVOKED_DEMO_BROKER, type PlantedIdentity, type PlantedPatterns, type ScenarioSeizure } from './analysisScenario';
