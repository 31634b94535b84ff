// Cuts a page's send off at the worst moment: the page's WebSocket goes through Playwright's
// routeWebSocket to hearthd; once armed, the next send_message reaches hearthd (which stores it
// and answers), its answer is held back from the page, and the page's socket is closed. The
// page's next connection is held (connected to nothing) until the test calls `release()`, so the
// test can see the send pending; after that the page must send again with the same key.
import { decodeClientFrame, decodeServerFrames } from "./wire_codecs.mjs";

export async function installCutOffProxy(page) {
  let heldSocket = null;
  let socketHeld = () => {};
  const state = {
    armed: false,
    answerDropped: false,
    holding: false,
    /** Lets the page's held connection go: it closes, and the page reconnects to hearthd. */
    async release() {
      if (!heldSocket) await new Promise((resolve) => (socketHeld = resolve));
      state.holding = false;
      await heldSocket.close({ code: 1001, reason: "released by the test" });
    },
  };
  let cutRequestId = null;
  await page.routeWebSocket(/\/ws$/, (ws) => {
    if (state.holding) {
      heldSocket = ws; // no server: the page's authentication waits for an answer
      socketHeld();
      return;
    }
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      server.send(message);
      if (!state.armed || typeof message === "string") return;
      const frame = decodeClientFrame(message);
      if (frame.body.case === "sendMessage") {
        state.armed = false;
        cutRequestId = frame.requestId;
      }
    });
    server.onMessage((message) => {
      if (cutRequestId !== null && typeof message !== "string") {
        const answered = decodeServerFrames(message).some(
          (frame) => frame.kind.case === "response" && frame.kind.value.requestId === cutRequestId,
        );
        if (answered) {
          cutRequestId = null;
          state.answerDropped = true;
          state.holding = true;
          ws.close({ code: 1001, reason: "cut off by the test" });
          server.close();
          return;
        }
      }
      ws.send(message);
    });
  });
  return state;
}
