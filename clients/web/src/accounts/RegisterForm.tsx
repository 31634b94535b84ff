import { useRef, useState } from "preact/hooks";
import { useHearth } from "../app/context";
import { authErrorSentence, needsInvite } from "./auth_errors";
import { FormError } from "./FormError";
import { SharedComputerField } from "./SharedComputerField";
import { TextField } from "./TextField";
import { useFormAction } from "./use_form_action";
import { handleProblem, passwordProblem } from "./validation";

const INVITE_HINT = "If you were given an invite code, enter it here. It may also make you a coach.";
const INVITE_REQUIRED = "This server takes new accounts by invitation only: an invite code is needed.";

export function RegisterForm() {
  const { session } = useHearth();
  const [handle, setHandle] = useState("");
  const [password, setPassword] = useState("");
  const [inviteCode, setInviteCode] = useState("");
  const [sharedComputer, setSharedComputer] = useState(false);
  // The protocol has no "is this server invite-only?" request: a register without a code is
  // answered FORBIDDEN there, and from then on the form asks for the code.
  const [inviteRequired, setInviteRequired] = useState(false);
  const [problems, setProblems] = useState<{ handle?: string | null; password?: string | null; invite?: string | null }>({});
  const inviteInput = useRef<HTMLInputElement>(null);
  const form = useFormAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    const name = handle.trim();
    const code = inviteCode.trim();
    const found = {
      handle: handleProblem(name),
      password: passwordProblem(password),
      invite: inviteRequired && !code ? "Enter your invite code." : null,
    };
    setProblems(found);
    if (found.handle || found.password || found.invite) return;
    let refusal: unknown = null;
    const done = await form.run(
      () => session.register({ handle: name, password, sharedComputer }, code),
      (error) => {
        refusal = error;
        return authErrorSentence(error, "register");
      },
    );
    if (!done && needsInvite(refusal) && !code) {
      setInviteRequired(true);
      inviteInput.current?.focus();
    }
  };

  return (
    <form class="auth-form" onSubmit={submit} noValidate aria-labelledby="register-title">
      <h1 id="register-title">Create an account</h1>
      <TextField
        id="register-handle"
        label="Name"
        hint="A first name or a pseudonym others will see: 3 to 32 letters, digits, dots, dashes or underscores."
        autocomplete="username"
        value={handle}
        onInput={setHandle}
        problem={problems.handle}
      />
      <TextField
        id="register-password"
        label="Password"
        hint="At least 10 characters."
        type="password"
        autocomplete="new-password"
        value={password}
        onInput={setPassword}
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
      <SharedComputerField id="register-shared" checked={sharedComputer} onChange={setSharedComputer} />
      <FormError id="register-error" text={form.error} />
      <button type="submit" disabled={form.busy}>
        {form.busy ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
