// #/rooms/12: what the room is, then the conversation for a member, or what it is about and a
// way in for someone who is not in it (a link shared by a coach, a bookmark after leaving).
import { useEffect, useState } from "preact/hooks";
import type { RoomInfo } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { Link } from "../app/Link";
import { describeError } from "../net";
import { JoinForm } from "./JoinForm";
import { RoomConversation } from "./RoomConversation";

export function RoomView({ roomId }: { roomId: bigint }) {
  const { connection } = useHearth();
  /** undefined while asking; null when the list has no such room for this person. */
  const [room, setRoom] = useState<RoomInfo | null | undefined>(undefined);
  const [problem, setProblem] = useState("");
  const [joins, setJoins] = useState(0);

  useEffect(() => {
    connection.request({ case: "listRooms", value: {} }, "rooms").then(
      (result) => setRoom(result.rooms.find((candidate) => candidate.roomId === roomId) ?? null),
      (error) => setProblem(describeError(error)),
    );
  }, [roomId, joins]);

  if (room?.joined) return <RoomConversation room={room} />;
  return (
    <section class="room-outside" aria-labelledby="room-title">
      <Link to="rooms">All rooms</Link>
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : room === undefined ? (
        <p class="loading">Loading the room…</p>
      ) : room === null ? (
        <>
          <h1 id="room-title">Room not found</h1>
          <p>There is no such room, or it is not one you can join. The list of rooms shows the ones you can.</p>
        </>
      ) : (
        <>
          <h1 id="room-title">{room.name}</h1>
          {room.topic && <p class="room-topic">{room.topic}</p>}
          <p>You are not in this room yet. Join it to read what members share and to write.</p>
          <JoinForm room={room} onJoined={() => setJoins((count) => count + 1)} />
        </>
      )}
    </section>
  );
}
