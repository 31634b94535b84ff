import { useState } from "preact/hooks";
import { loadedCore } from "../app/load_core";
import { LoginForm } from "./LoginForm";
import { RegisterForm } from "./RegisterForm";

/** The page for someone not logged in: log in, or create an account. */
export function AuthView() {
  const [mode, setMode] = useState<"login" | "register">("login");
  const ended = loadedCore.value?.session.endedBecause.value ?? null;
  return (
    <div class="auth">
      <p class="intro">A private place to talk with other families living with a loved one's addiction.</p>
      {ended && <p class="notice">{ended}</p>}
      {mode === "login" ? <LoginForm /> : <RegisterForm />}
      <p class="auth-switch">
        {mode === "login" ? "New here? " : "Already have an account? "}
        <button type="button" class="link-button" onClick={() => setMode(mode === "login" ? "register" : "login")}>
          {mode === "login" ? "Create an account" : "Log in"}
        </button>
      </p>
    </div>
  );
}
