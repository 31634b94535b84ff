// The rooms a coach or admin looks after: every room for an admin, the rooms a coach belongs to
// for a coach (an assigned coach is a member of the room). The server decides in the end: a room
// the coach does not coach answers FORBIDDEN, said as a sentence.
import { useEffect, useState } from "preact/hooks";
import { Role } from "../gen/hearth/v1/types_pb";
import type { RoomInfo } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { coachErrorSentence } from "./coach_errors";

export function useCoachedRooms(): { rooms: RoomInfo[]; problem: string | null; reload: () => void } {
  const { connection, session } = useHearth();
  const [rooms, setRooms] = useState<RoomInfo[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    connection.request({ case: "listRooms", value: {} }, "rooms").then(
      (result) => {
        if (!live) return;
        const admin = session.account.value?.user.role === Role.ADMIN;
        setRooms(result.rooms.filter((room) => admin || room.joined));
        setProblem(null);
      },
      (error) => live && setProblem(coachErrorSentence("list your rooms", error)),
    );
    return () => {
      live = false;
    };
  }, [generation]);
  return { rooms, problem, reload: () => setGeneration((n) => n + 1) };
}

/** "#tuesday-evening", or the number when the room is not in the list. */
export function roomName(rooms: RoomInfo[], roomId: bigint): string {
  const room = rooms.find((candidate) => candidate.roomId === roomId);
  return room ? `#${room.name}` : `room ${roomId}`;
}
