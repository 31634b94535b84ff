// Who is here now: the room's members with a connection open.
import type { RoomMembers } from "./room_members";

export function Presence({ members }: { members: RoomMembers }) {
  const here = members.online();
  return (
    <div class="presence">
      <h2 id="presence-title" class="presence-title">
        Here now ({here.length} of {members.members.value.length})
      </h2>
      <ul aria-labelledby="presence-title">
        {here.map((member) => (
          <li key={String(member.user?.userId)}>
            {member.user?.handle}
            {member.coach && <span class="coach-badge"> (coach)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
