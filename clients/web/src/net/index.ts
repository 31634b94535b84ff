// The connection layer's public face: what views and other modules import.
export { Connection, type ConnectionState, type Disconnect, type Authenticator } from "./connection";
export { ErrorCode, HearthError, NotAnsweredError, UnexpectedResultError, describeError, hasCode, retryPhrase } from "./errors";
export type { EventCase, EventOf, RequestBody, RequestCase, ResultCase, ResultOf } from "./wire";
