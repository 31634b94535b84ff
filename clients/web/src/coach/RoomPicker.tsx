// Which room a coach view is about. Admins also get "every room" (room 0: the server's own rules,
// the whole audit log, a server ban) where the protocol allows it.
import { useState } from "preact/hooks";
import type { RoomInfo } from "../gen/hearth/v1/types_pb";
import { Role } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";

export interface PickedRoom {
  admin: boolean;
  roomId: bigint;
  pick: (roomId: bigint) => void;
}

/** The room picked, else room 0 for an admin when `adminStartsOnEveryRoom`, else the first room. */
export function usePickedRoom(rooms: RoomInfo[], adminStartsOnEveryRoom = false): PickedRoom {
  const { session } = useHearth();
  const admin = session.account.value?.user.role === Role.ADMIN;
  const [picked, pick] = useState<bigint | null>(null);
  const roomId = picked ?? (admin && adminStartsOnEveryRoom ? 0n : (rooms[0]?.roomId ?? 0n));
  return { admin, roomId, pick };
}

interface RoomPickerProps {
  id: string;
  rooms: RoomInfo[];
  picked: PickedRoom;
  /** The label of room 0, offered to admins only. */
  everyRoom?: string;
}

export function RoomPicker({ id, rooms, picked, everyRoom }: RoomPickerProps) {
  return (
    <div class="field room-picker">
      <label for={id}>Room</label>
      <select id={id} value={String(picked.roomId)} onChange={(event) => picked.pick(BigInt(event.currentTarget.value))}>
        {picked.admin && everyRoom && <option value="0">{everyRoom}</option>}
        {rooms.map((room) => (
          <option key={String(room.roomId)} value={String(room.roomId)}>
            #{room.name}
          </option>
        ))}
      </select>
    </div>
  );
}
