// The page's entry: one connection, one session, the quick-exit key, and the app.
import "./styles/app.css";
import "./styles/rooms.css";
import { render } from "preact";
import { Session } from "./accounts/session";
import { TokenStore } from "./accounts/token_store";
import { App } from "./app/App";
import { HearthContext } from "./app/context";
import { installQuickExitKey, quickExit } from "./app/quick_exit";
import { Connection } from "./net";

const connection = new Connection();
const session = new Session(connection, new TokenStore());
installQuickExitKey(() => quickExit(session));
session.start();

const root = document.getElementById("app");
if (root) {
  render(
    <HearthContext.Provider value={{ connection, session }}>
      <App />
    </HearthContext.Provider>,
    root,
  );
}
