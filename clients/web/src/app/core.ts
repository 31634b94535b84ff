// The core chunk (see load_core.ts): one Connection and one Session for the page, and what the
// first page renders from it once it is here. Loaded lazily, so the first page's script does
// not carry the protobuf runtime and the hearth.v1 descriptors.
import { authErrorSentence, needsInvite } from "../accounts/auth_errors";
import { Session } from "../accounts/session";
import type { TokenStore } from "../accounts/token_store";
import { Connection } from "../net";
import { HeaderStatus } from "./HeaderStatus";
import { Shell } from "./Shell";

export interface Core {
  connection: Connection;
  session: Session;
  /** The logged-in page. */
  Shell: typeof Shell;
  /** The connection's state and the account menu, in the header. */
  HeaderStatus: typeof HeaderStatus;
  authErrorSentence: typeof authErrorSentence;
  needsInvite: typeof needsInvite;
}

export function startCore(tokens: TokenStore): Core {
  const connection = new Connection();
  const session = new Session(connection, tokens);
  session.start();
  return { connection, session, Shell, HeaderStatus, authErrorSentence, needsInvite };
}
