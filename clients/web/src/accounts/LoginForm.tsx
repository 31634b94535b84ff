import { useState } from "preact/hooks";
import { AuthForm, useAuthForm } from "./AuthForm";
import { TextField } from "./TextField";

export function LoginForm() {
  const auth = useAuthForm("login");
  const [problems, setProblems] = useState<{ handle?: string; password?: string }>({});

  const submit = (event: Event) => {
    event.preventDefault();
    const found = {
      handle: auth.handle.trim() ? undefined : "Enter your name.",
      password: auth.password ? undefined : "Enter your password.",
    };
    setProblems(found);
    if (found.handle || found.password) return;
    void auth.submit((core, credentials) => core.session.login(credentials));
  };

  return (
    <AuthForm action="login" title="Log in" submitLabel="Log in" busyLabel="Logging in…" form={auth} onSubmit={submit}>
      <TextField id="login-handle" label="Name" autocomplete="username" value={auth.handle} onInput={auth.setHandle} problem={problems.handle} />
      <TextField
        id="login-password"
        label="Password"
        type="password"
        autocomplete="current-password"
        value={auth.password}
        onInput={auth.setPassword}
        problem={problems.password}
      />
    </AuthForm>
  );
}
