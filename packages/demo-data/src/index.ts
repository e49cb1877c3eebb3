export { createSeizureGenerator, type GeneratedSeizure, type SeizureGenerator } from './seizureGenerator';
