// A room the person is in: its history (paged backwards as the person scrolls up, rendered as a
// virtual list), live messages, who is here, one's own sends with their state, the moderators'
// notices, and the crisis resources when they are needed.
import { create } from "@bufbuild/protobuf";
import { useEffect, useMemo, useState } from "preact/hooks";
import { NoticeKind, type ModerationNotice } from "../gen/hearth/v1/moderation_pb";
import { RoomMessageSchema, type RoomInfo, type RoomMessage } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { announce } from "../app/announce";
import { Link } from "../app/Link";
import { navigate } from "../app/router";
import { describeError } from "../net";
import { Composer } from "./Composer";
import { CrisisPanel } from "./CrisisPanel";
import { noticeSentence, sendRefusal } from "./explanations";
import { newIdempotencyKey } from "./idempotency_key";
import { LocalSendRow } from "./LocalSendRow";
import { MessageRow } from "./MessageRow";
import { Presence } from "./Presence";
import { RoomMembers } from "./room_members";
import { RoomTimeline, type LocalSend } from "./room_timeline";
import { sendMessage } from "./send_message";
import { useRoomEvents } from "./use_room_events";
import { VirtualList } from "./VirtualList";

export function RoomConversation({ room }: { room: RoomInfo }) {
  const roomId = room.roomId;
  const { connection, session } = useHearth();
  const me = session.account.value?.user;
  const timeline = useMemo(() => new RoomTimeline(connection, roomId), [connection, roomId]);
  const members = useMemo(() => new RoomMembers(connection, roomId), [connection, roomId]);
  const [crisis, setCrisis] = useState<string | null>(null);
  const [notices, setNotices] = useState<string[]>([]);
  const [problem, setProblem] = useState("");
  const [sends, setSends] = useState(0);
  /** A coach took the person out of the room (kick or ban): the composer goes, the notice says why. */
  const [removed, setRemoved] = useState(false);

  useRoomEvents(connection, timeline, members, me?.userId, {
    onCrisisResources: setCrisis,
    onNotice: (notice: ModerationNotice) => {
      const sentence = noticeSentence(notice);
      if (!sentence) return;
      if (notice.kind === NoticeKind.NOTICE_HELD_MESSAGE_REMOVED) timeline.heldNotApproved(sentence);
      if (notice.kind === NoticeKind.NOTICE_KICKED || notice.kind === NoticeKind.NOTICE_BANNED) setRemoved(true);
      setNotices((shown) => [...shown, sentence]);
      announce(sentence);
    },
    onProblem: (error) => setProblem(describeError(error)),
  });

  // Re-render on every change of the timeline (an explicit subscription: the timeline changes
  // objects in place, e.g. an edit's text, which no prop comparison would see).
  const [, setVersion] = useState(0);
  useEffect(() => timeline.version.subscribe(setVersion), [timeline]);
  const name = room.name;

  /** Sends one of the person's own messages (already shown as pending) and follows it to its
   * final state. */
  const deliver = ({ localId, text, idempotencyKey }: LocalSend) => {
    setSends((count) => count + 1);
    sendMessage(connection, roomId, text, idempotencyKey).then(
      (sent) => {
        // Stored: the message takes its place by seq (its message_posted event, which may have
        // come already, is the same seq and is kept once).
        timeline.posted(
          create(RoomMessageSchema, {
            roomId,
            seq: sent.seq,
            messageId: sent.messageId,
            author: me ? { userId: me.userId, handle: me.handle } : undefined,
            text,
            sentAtMs: sent.sentAtMs,
          }),
        );
        timeline.removeLocal(localId);
        announce("Message sent.");
        if (sent.crisisResources) setCrisis(sent.crisisResources);
      },
      (error) => {
        const refusal = sendRefusal(error);
        timeline.updateLocal(localId, refusal);
        announce(refusal.explanation);
      },
    );
  };

  const send = (text: string) => {
    const local: LocalSend = { localId: newIdempotencyKey(), text, idempotencyKey: newIdempotencyKey(), state: "pending" };
    timeline.addLocal(local);
    deliver(local);
  };

  /** A refused send again, with its first key: hearthd stores it once whatever happened before. */
  const sendAgain = (local: LocalSend) => {
    timeline.updateLocal(local.localId, { state: "pending", explanation: undefined });
    deliver(local);
  };

  const leave = async () => {
    try {
      await connection.request({ case: "leaveRoom", value: { roomId } }, "ok");
      announce(`You left ${name}.`);
      navigate("rooms");
    } catch (error) {
      setProblem(describeError(error));
    }
  };

  const slowMode = room.policy?.slowModeSeconds ?? 0;
  return (
    <section class="room" aria-labelledby="room-title">
      <header class="room-header">
        <div class="room-title-row">
          <Link to="rooms" class="room-back">
            All rooms
          </Link>
          <h1 id="room-title">{name}</h1>
          <button type="button" class="secondary compact" onClick={leave}>
            Leave<span class="wide-only"> room</span>
          </button>
        </div>
        {room.topic && <p class="room-topic">{room.topic}</p>}
        {slowMode > 0 && <p class="room-policy">Slow mode: one message every {slowMode} seconds.</p>}
      </header>
      {crisis && <CrisisPanel text={crisis} onClose={() => setCrisis(null)} />}
      {notices.length > 0 && (
        <ul class="notices" aria-label="Notices from the coaches">
          {notices.map((sentence, index) => (
            <li key={index} class="notice">
              {sentence}
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <div class="room-body">
        <VirtualList<RoomMessage>
          label={`Messages in ${name}`}
          bottomRequest={sends}
          items={timeline.messages()}
          keyOf={(message) => String(message.seq)}
          renderItem={(message) => <MessageRow message={message} own={message.author?.userId === me?.userId} />}
          onNearTop={() => void timeline.loadOlder().catch((error) => setProblem(describeError(error)))}
          before={
            timeline.hasOlder.value ? (
              <button type="button" class="link-button load-older" onClick={() => void timeline.loadOlder()}>
                {timeline.loading.value ? "Loading older messages…" : "Load older messages"}
              </button>
            ) : (
              <p class="room-start">{timeline.loading.value ? "Loading messages…" : "This is the beginning of the room."}</p>
            )
          }
          after={
            <ol class="message-list local-sends" aria-label="Your messages being sent">
              {timeline.localSends().map((local) => (
                <li key={local.localId}>
                  <LocalSendRow
                    send={local}
                    author={me?.handle ?? "you"}
                    onRetry={() => sendAgain(local)}
                    onDismiss={() => timeline.removeLocal(local.localId)}
                  />
                </li>
              ))}
            </ol>
          }
        />
        <Presence members={members} />
      </div>
      {removed ? (
        <p class="room-closed">
          You are no longer in this room, so you cannot write here. <Link to="rooms">All rooms</Link>
        </p>
      ) : (
        <Composer roomName={name} onSend={send} />
      )}
    </section>
  );
}
