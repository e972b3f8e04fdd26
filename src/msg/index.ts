/**
 * Public surface of the message layer: ROS 2 message types of `fleet_bandits` and the common
 * standard types, their TS interfaces, CDR codec, MCAP schema texts and validators.
 */
// Every message interface (`ArmCommand`, `GeometryMsgsPoseStamped`, ...), the constant objects
// that share their name (`AgentTelemetry.ARM_NONE`, `RobotState.PHASE_EXPLOIT`), `MsgType`,
// `MessageTypes`, `MessageTypeName`, `FLEET_BANDITS_MESSAGE_TYPES` and `MESSAGE_SOURCES`.
// Re-exported wholesale because that module is generated from msg/: its export list grows with
// every .msg file, and it is itself the explicit list.
export * from './definitions.generated.js';

/** Short aliases for the standard types used most. */
export type {
  BuiltinInterfacesDuration as Duration,
  BuiltinInterfacesTime as Time,
  GeometryMsgsPoint as Point,
  GeometryMsgsPose as Pose,
  GeometryMsgsQuaternion as Quaternion,
  StdMsgsHeader as Header,
} from './definitions.generated.js';

export { decode, encode, fromWire, MAX_TRAILING_PADDING, safeDecode, toWire } from './codec.js';
export type { DecodeResult } from './codec.js';
export { defaultMessage } from './defaultMessage.js';
export {
  canonicalTypeName,
  DEFINITION_SEPARATOR,
  fullDefinition,
  isMessageTypeName,
  messageTypeNames,
  parsedDefinitions,
  shortTypeName,
} from './fullDefinition.js';
export type { ParsedMessageDefinition } from './fullDefinition.js';
export { describeValue, validateMessage, validateStructure } from './validateMessage.js';
export { MESSAGE_RULES } from './messageRules.js';
export type { MessageRule } from './messageRules.js';
