import { useState } from "preact/hooks";
import { useHearth } from "../app/context";
import { authErrorSentence } from "./auth_errors";
import { FormError } from "./FormError";
import { SharedComputerField } from "./SharedComputerField";
import { TextField } from "./TextField";
import { useFormAction } from "./use_form_action";

export function LoginForm() {
  const { session } = useHearth();
  const [handle, setHandle] = useState("");
  const [password, setPassword] = useState("");
  const [sharedComputer, setSharedComputer] = useState(false);
  const [problems, setProblems] = useState<{ handle?: string; password?: string }>({});
  const form = useFormAction();

  const submit = (event: Event) => {
    event.preventDefault();
    const name = handle.trim();
    const found = {
      handle: name ? undefined : "Enter your name.",
      password: password ? undefined : "Enter your password.",
    };
    setProblems(found);
    if (found.handle || found.password) return;
    void form.run(
      () => session.login({ handle: name, password, sharedComputer }),
      (error) => authErrorSentence(error, "login"),
    );
  };

  return (
    <form class="auth-form" onSubmit={submit} noValidate aria-labelledby="login-title">
      <h1 id="login-title">Log in</h1>
      <TextField id="login-handle" label="Name" autocomplete="username" value={handle} onInput={setHandle} problem={problems.handle} />
      <TextField
        id="login-password"
        label="Password"
        type="password"
        autocomplete="current-password"
        value={password}
        onInput={setPassword}
        problem={problems.password}
      />
      <SharedComputerField id="login-shared" checked={sharedComputer} onChange={setSharedComputer} />
      <FormError id="login-error" text={form.error} />
      <button type="submit" disabled={form.busy}>
        {form.busy ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
