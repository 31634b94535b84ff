import { useRef, useState } from "preact/hooks";
import { AuthForm, useAuthForm } from "./AuthForm";
import { TextField } from "./TextField";
import { handleProblem, passwordProblem } from "./validation";

const INVITE_HINT = "If you were given an invite code, enter it here. It may also make you a coach.";
const INVITE_REQUIRED = "This server takes new accounts by invitation only: an invite code is needed.";

export function RegisterForm() {
  const auth = useAuthForm("register");
  const [inviteCode, setInviteCode] = useState("");
  // The protocol has no "is this server invite-only?" request: a register without a code is
  // answered FORBIDDEN there, and from then on the form asks for the code.
  const [inviteRequired, setInviteRequired] = useState(false);
  const [problems, setProblems] = useState<{ handle?: string | null; password?: string | null; invite?: string | null }>({});
  const inviteInput = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const code = inviteCode.trim();
    const found = {
      handle: handleProblem(auth.handle.trim()),
      password: passwordProblem(auth.password),
      invite: inviteRequired && !code ? "Enter your invite code." : null,
    };
    setProblems(found);
    if (found.handle || found.password || found.invite) return;
    const refusal = await auth.submit((core, credentials) => core.session.register(credentials, code));
    if (refusal?.invitationNeeded && !code) {
      setInviteRequired(true);
      inviteInput.current?.focus();
    }
  };

  return (
    <AuthForm
      action="register"
      title="Create an account"
      submitLabel="Create account"
      busyLabel="Creating your account…"
      form={auth}
      onSubmit={(event) => void submit(event)}
    >
      <TextField
        id="register-handle"
        label="Name"
        hint="A first name or a pseudonym others will see: 3 to 32 letters, digits, dots, dashes or underscores."
        autocomplete="username"
        value={auth.handle}
        onInput={auth.setHandle}
        problem={problems.handle}
      />
      <TextField
        id="register-password"
        label="Password"
        hint="At least 10 characters."
        type="password"
        autocomplete="new-password"
        value={auth.password}
        onInput={auth.setPassword}
        problem={problems.password}
      />
      <TextField
        id="register-invite"
        label={inviteRequired ? "Invite code" : "Invite code (if you have one)"}
        hint={inviteRequired ? INVITE_REQUIRED : INVITE_HINT}
        autocomplete="off"
        value={inviteCode}
        onInput={setInviteCode}
        problem={problems.invite}
        inputRef={inviteInput}
      />
    </AuthForm>
  );
}
