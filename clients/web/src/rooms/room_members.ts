// Who is in the room and who is here now, kept current by the room's membership and presence
// events (a member's first connection coming, their last going).
import { create } from "@bufbuild/protobuf";
import { signal } from "@preact/signals";
import { MemberInfoSchema, type MemberInfo } from "../gen/hearth/v1/types_pb";
import type { Connection, EventOf } from "../net";

export class RoomMembers {
  readonly members = signal<MemberInfo[]>([]);

  constructor(
    private readonly connection: Connection,
    private readonly roomId: bigint,
  ) {}

  async load(): Promise<void> {
    const result = await this.connection.request({ case: "listMembers", value: { roomId: this.roomId } }, "members");
    this.members.value = result.members;
  }

  joined(event: EventOf<"memberJoined">): void {
    const user = event.user;
    if (!user || this.members.value.some((member) => member.user?.userId === user.userId)) return;
    this.members.value = [...this.members.value, create(MemberInfoSchema, { user, online: true })];
  }

  left(event: EventOf<"memberLeft">): void {
    this.members.value = this.members.value.filter((member) => member.user?.userId !== event.user?.userId);
  }

  presence(event: EventOf<"presenceChanged">): void {
    this.members.value = this.members.value.map((member) =>
      member.user?.userId === event.user?.userId ? create(MemberInfoSchema, { ...member, online: event.online }) : member,
    );
  }

  online(): MemberInfo[] {
    return this.members.value.filter((member) => member.online);
  }
}
