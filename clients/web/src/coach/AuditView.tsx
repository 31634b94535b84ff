// The audit log, newest first, a page at a time ("Older entries" asks for the records before the
// oldest shown). Admins may pick every room.
import { useEffect, useState } from "preact/hooks";
import type { AuditRecord } from "../gen/hearth/v1/moderation_pb";
import type { RoomInfo } from "../gen/hearth/v1/types_pb";
import { useHearth } from "../app/context";
import { FormError } from "../accounts/FormError";
import { roomName } from "./coach_rooms";
import { auditLabel, timeLabel } from "./labels";
import { RoomPicker, usePickedRoom } from "./RoomPicker";
import { useRequest } from "./use_request";

const PAGE = 25;

export function AuditView({ coached }: { coached: { rooms: RoomInfo[] } }) {
  const picked = usePickedRoom(coached.rooms, true);
  const { roomId } = picked;
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <RoomPicker id="audit-room" rooms={coached.rooms} picked={picked} everyRoom="Every room" />
      <AuditPages key={String(roomId)} roomId={roomId} rooms={coached.rooms} />
    </section>
  );
}

function AuditPages({ roomId, rooms }: { roomId: bigint; rooms: RoomInfo[] }) {
  const { connection } = useHearth();
  const [records, setRecords] = useState<AuditRecord[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const { busy, problem, run } = useRequest();

  const loadPage = async (before: bigint) => {
    const result = await run("read the audit log", () =>
      connection.request({ case: "listAudit", value: { roomId, beforeRecordId: before, limit: PAGE } }, "audit"),
    );
    if (result) {
      setRecords((shown) => (before === 0n ? result.records : [...shown, ...result.records]));
      setHasMore(result.hasMore);
    }
    setLoaded(true);
  };
  useEffect(() => void loadPage(0n), [roomId]);

  const oldest = records[records.length - 1]?.recordId ?? 0n;
  return (
    <>
      <FormError id="audit-problem" text={problem} />
      {!loaded ? (
        <p class="loading">Loading the audit log…</p>
      ) : records.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-label="Audit records">
          <table class="audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Where</th>
                <th scope="col">Member</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr key={String(record.recordId)}>
                  <td>{timeLabel(record.atMs)}</td>
                  <td>{record.actor && record.actor.userId !== 0n ? record.actor.handle : "the server"}</td>
                  <td>{auditLabel(record.action)}</td>
                  <td>{record.roomId === 0n ? "server" : roomName(rooms, record.roomId)}</td>
                  <td>{record.target?.handle ?? ""}</td>
                  <td>{record.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasMore && (
        <button type="button" class="secondary" disabled={busy} onClick={() => void loadPage(oldest)}>
          Older entries
        </button>
      )}
    </>
  );
}
