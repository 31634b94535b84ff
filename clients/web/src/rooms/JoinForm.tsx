// Joining a room: open rooms at once, closed ones with the room invite code a coach gave.
import { useState } from "preact/hooks";
import { RoomVisibility, type RoomInfo } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { announce } from "../app/announce";
import { describeError } from "../net";

export function JoinForm({ room, onJoined }: { room: RoomInfo; onJoined: () => void }) {
  const { connection } = useHearth();
  const [code, setCode] = useState("");
  const [problem, setProblem] = useState("");
  const closed = room.visibility === RoomVisibility.ROOM_CLOSED;
  const codeId = `invite-${room.roomId}`;
  const join = async (event: Event) => {
    event.preventDefault();
    try {
      await connection.request({ case: "joinRoom", value: { roomId: room.roomId, inviteCode: code.trim() } }, "room");
      announce(`You joined ${room.name}.`);
      onJoined();
    } catch (error) {
      setProblem(describeError(error));
    }
  };
  return (
    <form class="join-form" onSubmit={join}>
      {closed && (
        <>
          <label for={codeId}>Room invite code (from a coach)</label>
          <input id={codeId} value={code} onInput={(e) => setCode(e.currentTarget.value)} autocomplete="off" />
        </>
      )}
      <button type="submit" aria-label={`Join ${room.name}`}>
        Join
      </button>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
