// Seeds a room's history through the real server, the way any client would: registers an
// account, joins the room and sends COUNT messages over hearth.v1 with the client's generated
// messages (harness/codecs.mjs). Run as its own process, since Node 20 has a
// WebSocket only behind a flag:
//   node --experimental-websocket seed_room.mjs URL HANDLE ROOM_NAME COUNT PREFIX
// Prints the room id. Sends are pipelined, a window at a time (the test hearthd is started with
// a high --requests-per-second); any refusal ends the run with an error.
import { decodeServerFrames, encodeClientFrame } from "./codecs.mjs";

const [url, handle, roomName, countText, prefix] = process.argv.slice(2);
const count = Number(countText);
const WINDOW = 64;

const socket = new WebSocket(`${url.replace(/^http/, "ws").replace(/\/$/, "")}/ws`, "hearth.v1");
socket.binaryType = "arraybuffer";
const waiting = new Map();
let nextId = 1;
socket.onmessage = (message) => {
  for (const frame of decodeServerFrames(message.data)) {
    if (frame.kind.case !== "response") continue;
    const answer = waiting.get(frame.kind.value.requestId);
    waiting.delete(frame.kind.value.requestId);
    answer?.(frame.kind.value.result);
  }
};
socket.onclose = () => {
  for (const answer of waiting.values()) answer({ case: "error", value: { message: "connection closed" } });
};
await new Promise((resolve, reject) => {
  socket.onopen = resolve;
  socket.onerror = reject;
});

function request(body, expect) {
  const requestId = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(requestId, (result) =>
      result.case === expect ? resolve(result.value) : reject(new Error(`${body.case}: ${result.case} ${result.value?.message ?? ""}`)),
    );
    socket.send(encodeClientFrame(requestId, body));
  });
}

await request({ case: "register", value: { handle, password: "a long enough passphrase" } }, "auth");
const { rooms } = await request({ case: "listRooms", value: {} }, "rooms");
const room = rooms.find((candidate) => candidate.name === roomName);
if (!room) throw new Error(`no room ${roomName}`);
await request({ case: "joinRoom", value: { roomId: room.roomId } }, "room");
for (let first = 1; first <= count; first += WINDOW) {
  const sends = [];
  for (let i = first; i < first + WINDOW && i <= count; i++) {
    sends.push(request({ case: "sendMessage", value: { roomId: room.roomId, text: `${prefix} ${i}` } }, "sent"));
  }
  await Promise.all(sends);
}
socket.close(1000);
console.log(String(room.roomId));
