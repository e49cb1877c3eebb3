export { mayView, maySeePersonIdentities, type Viewer } from './releasability';
