// One queue store per connection, started on the coach area's first visit and kept running
// afterwards, so crisis alerts keep arriving (announced, and with the sound if the coach turned
// it on) while the coach is elsewhere in the app; the banner waits in the coach area. Logout and
// quick exit empty it (onWipe): the next person on this device sees nothing of the queue.
import { onWipe } from "../accounts/local_data";
import { announce } from "../app/announce";
import { playCrisisSound } from "./alert_sound";
import type { Connection } from "../net";
import { QueueStore } from "./queue_store";

const stores = new WeakMap<Connection, QueueStore>();

export function queueStoreFor(connection: Connection): QueueStore {
  let store = stores.get(connection);
  if (!store) {
    const created = new QueueStore(connection);
    created.start();
    created.onCrisis(() => {
      announce("Crisis alert: someone may be in danger. Open the coach area: the item is at the top of the review queue.");
      playCrisisSound();
    });
    const unregister = onWipe(() => {
      created.stop();
      stores.delete(connection);
      unregister();
    });
    stores.set(connection, created);
    store = created;
  }
  return store;
}
