// Sending one room message until it has a final answer. A send whose answer was lost to a dropped
// connection is sent again, unchanged and with the same idempotency key, once the connection is
// authenticated again (Connection.request waits for that): hearthd answers the repeat with the
// first send's result, so the message is stored once whatever happened to the first answer.
import type { Connection, ResultOf } from "../net";
import { ErrorCode, hasCode, NotAnsweredError } from "../net";

export type SendResult = ResultOf<"sent">;

export async function sendMessage(
  connection: Connection,
  roomId: bigint,
  text: string,
  idempotencyKey: string,
): Promise<SendResult> {
  for (;;) {
    try {
      return await connection.request({ case: "sendMessage", value: { roomId, text, idempotencyKey } }, "sent");
    } catch (error) {
      if (error instanceof NotAnsweredError) continue; // cut off: the same key again
      // A server shutting down answers UNAVAILABLE and then closes: the retry goes to the next one.
      if (hasCode(error, ErrorCode.UNAVAILABLE) && connection.state.value !== "authenticated") continue;
      throw error;
    }
  }
}
