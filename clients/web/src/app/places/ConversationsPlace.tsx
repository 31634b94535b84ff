// Private conversations (end-to-end encrypted direct messages with a sponsor or a coach) come in
// a later version; this place says so, and keeps their spot in the navigation.
import type { PlaceProps } from "../places";

export function ConversationsPlace(_props: PlaceProps) {
  return (
    <section aria-labelledby="conversations-title">
      <h1 id="conversations-title">Conversations</h1>
      <p>
        Private conversations with your sponsor or a coach are coming in a later version of Hearth. Until then, you
        can talk with others in the rooms.
      </p>
    </section>
  );
}
