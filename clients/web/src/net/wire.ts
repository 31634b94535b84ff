// The two ends of hearth.v1's framing (protocol/README.md, "Framing"): one ClientFrame per
// binary WebSocket message, and one or more length-delimited ServerFrames per message back.
import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { BinaryReader } from "@bufbuild/protobuf/wire";
import type { Event } from "../gen/hearth/v1/events_pb";
import { ClientFrameSchema, ServerFrameSchema, type Response, type ServerFrame } from "../gen/hearth/v1/frames_pb";

type ClientBodyInit = MessageInitShape<typeof ClientFrameSchema>["body"];

/** One request: `{ case: "who_am_i" ... }` is spelled `{ case: "whoAmI", value: {} }`. */
export type RequestBody = Exclude<ClientBodyInit, { case: undefined } | undefined>;
export type RequestCase = RequestBody["case"];

/** The result kinds a Response can carry besides an error. */
export type ResultCase = Exclude<Response["result"]["case"], "error" | undefined>;
export type ResultOf<C extends ResultCase> = Extract<Response["result"], { case: C }>["value"];

export type EventCase = Exclude<Event["kind"]["case"], undefined>;
export type EventOf<C extends EventCase> = Extract<Event["kind"], { case: C }>["value"];

export function encodeClientFrame(requestId: number, body: RequestBody): Uint8Array {
  return toBinary(ClientFrameSchema, create(ClientFrameSchema, { requestId, body }));
}

/** Throws when the bytes are not a sequence of length-delimited ServerFrames. */
export function decodeServerFrames(message: Uint8Array): ServerFrame[] {
  const reader = new BinaryReader(message);
  const frames: ServerFrame[] = [];
  while (reader.pos < reader.len) frames.push(fromBinary(ServerFrameSchema, reader.bytes()));
  return frames;
}
