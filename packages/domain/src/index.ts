export { replay, type Command, type CommandMetadata, type Decider } from './decider';
export { checkMarking, type MarkingWarning, type MarkingWarningCode } from './marking';
