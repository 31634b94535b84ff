// The rooms: those the person belongs to, and those they may join (open ones at once, closed
// ones with a room invite code from a coach).
import { useEffect, useState } from "preact/hooks";
import type { RoomInfo } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { Link } from "../app/Link";
import { navigate } from "../app/router";
import { describeError } from "../net";
import { JoinForm } from "./JoinForm";

export function RoomList() {
  const { connection } = useHearth();
  const [rooms, setRooms] = useState<RoomInfo[] | null>(null);
  const [problem, setProblem] = useState("");

  useEffect(() => {
    connection.request({ case: "listRooms", value: {} }, "rooms").then(
      (result) => setRooms(result.rooms),
      (error) => setProblem(describeError(error)),
    );
  }, []);

  const joined = rooms?.filter((room) => room.joined) ?? [];
  const joinable = rooms?.filter((room) => !room.joined) ?? [];
  return (
    <section aria-labelledby="rooms-title">
      <h1 id="rooms-title">Rooms</h1>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      {rooms === null && !problem && <p class="loading">Loading rooms…</p>}
      {rooms !== null && (
        <>
          <h2 id="joined-title">Your rooms</h2>
          {joined.length === 0 ? (
            <p>You have not joined a room yet. Each room below has its own topic: join the one that fits.</p>
          ) : (
            <ul class="room-list" aria-labelledby="joined-title">
              {joined.map((room) => (
                <li key={String(room.roomId)} class="room-card">
                  <Link to={`rooms/${room.roomId}`}>{room.name}</Link>
                  <RoomFacts room={room} />
                </li>
              ))}
            </ul>
          )}
          <h2 id="joinable-title">Rooms you can join</h2>
          {joinable.length === 0 ? (
            <p>You are in every room there is.</p>
          ) : (
            <ul class="room-list" aria-labelledby="joinable-title">
              {joinable.map((room) => (
                <li key={String(room.roomId)} class="room-card">
                  <h3 class="room-name">{room.name}</h3>
                  <RoomFacts room={room} />
                  <JoinForm room={room} onJoined={() => navigate(`rooms/${room.roomId}`)} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function RoomFacts({ room }: { room: RoomInfo }) {
  return (
    <>
      {room.topic && <p class="room-topic">{room.topic}</p>}
      <p class="hint">
        {room.memberCount} {room.memberCount === 1 ? "member" : "members"}, {room.onlineCount} here now
      </p>
    </>
  );
}
