export { createSeizureGenerator, type GeneratedSeizure, type SeizureGenerator } from './seizureGenerator';
export { demoBrokers, type DemoAuthority, type DemoBroker, type DemoLicence } from './brokers';
