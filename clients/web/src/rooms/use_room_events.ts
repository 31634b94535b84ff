// The room's events, wired to its timeline and members while the room is open, and the resync
// after every re-authentication (a reconnect): history after the last seq seen, members again.
import { useEffect } from "preact/hooks";
import type { ModerationNotice } from "../gen/hearth/v1/moderation_pb";
import { announce } from "../app/announce";
import type { Connection } from "../net";
import type { RoomMembers } from "./room_members";
import type { RoomTimeline } from "./room_timeline";

interface Handlers {
  onCrisisResources: (text: string) => void;
  onNotice: (notice: ModerationNotice) => void;
  /** The resync failed (or the first load): the sentence to show. */
  onProblem: (error: unknown) => void;
}

export function useRoomEvents(
  connection: Connection,
  timeline: RoomTimeline,
  members: RoomMembers,
  myUserId: bigint | undefined,
  handlers: Handlers,
): void {
  useEffect(() => {
    const roomId = timeline.roomId;
    const here = (event: { roomId: bigint }) => event.roomId === roomId;
    const offs = [
      connection.on("messagePosted", (message) => {
        if (!here(message)) return;
        const isNew = timeline.posted(message);
        if (message.author?.userId === myUserId) timeline.ownMessagePosted(message);
        // Who wrote, never what: the live region is read aloud and may be overheard.
        else if (isNew) announce(`New message from ${message.author?.handle ?? "someone"}.`);
      }),
      connection.on("messageEdited", (edit) => here(edit) && timeline.edited(edit)),
      connection.on("messageDeleted", (deletion) => here(deletion) && timeline.deleted(deletion)),
      connection.on("memberJoined", (event) => here(event) && members.joined(event)),
      connection.on("memberLeft", (event) => here(event) && members.left(event)),
      connection.on("presenceChanged", (event) => here(event) && members.presence(event)),
      connection.on("crisisResources", (event) => here(event) && handlers.onCrisisResources(event.text)),
      connection.on("moderationNotice", (notice) => {
        if (notice.roomId === roomId || notice.roomId === 0n) handlers.onNotice(notice);
      }),
      connection.onAuthenticated(() => {
        timeline.resync().catch(handlers.onProblem);
        members.load().catch(handlers.onProblem);
      }),
    ];
    timeline.loadLatest().catch(handlers.onProblem);
    members.load().catch(handlers.onProblem);
    return () => offs.forEach((off) => off());
  }, [timeline]);
}
