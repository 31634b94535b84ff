// What the login and registration forms share: the name, password and shared-computer fields'
// state, the frame of the form (title, shared-computer choice, error sentence, submit button),
// and a submit that waits for the core chunk (app/load_core.ts) when it is not here yet.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { Core } from "../app/core";
import { loadCore } from "../app/load_core";
import type { AuthAction } from "./auth_errors";
import { FormError } from "./FormError";
import type { Credentials } from "./session";
import { SharedComputerField } from "./SharedComputerField";
import { useFormAction } from "./use_form_action";

/** Why a submit failed: the sentence shown, and whether the server asked for an invite code. */
export class AuthRefusal extends Error {
  constructor(
    readonly sentence: string,
    readonly invitationNeeded: boolean,
  ) {
    super(sentence);
  }
}

const UNREACHABLE = "Hearth could not be reached, so nothing was done. Check the connection and try again.";

export function useAuthForm(action: AuthAction) {
  const [handle, setHandle] = useState("");
  const [password, setPassword] = useState("");
  const [sharedComputer, setSharedComputer] = useState(false);
  const form = useFormAction();

  /** Runs the request with the core (loading it first if needed): null when it succeeded, the
   * refusal (also shown in the form) when it did not. */
  const submit = async (request: (core: Core, credentials: Credentials) => Promise<void>): Promise<AuthRefusal | null> => {
    let refusal: AuthRefusal | null = null;
    await form.run(
      async () => {
        let core: Core;
        try {
          core = await loadCore();
        } catch {
          throw (refusal = new AuthRefusal(UNREACHABLE, false));
        }
        try {
          await request(core, { handle: handle.trim(), password, sharedComputer });
        } catch (error) {
          throw (refusal = new AuthRefusal(core.authErrorSentence(error, action), core.needsInvite(error)));
        }
      },
      (error) => (error instanceof AuthRefusal ? error.sentence : UNREACHABLE),
    );
    return refusal;
  };

  return { handle, setHandle, password, setPassword, sharedComputer, setSharedComputer, form, submit };
}

interface AuthFormProps {
  action: AuthAction;
  title: string;
  submitLabel: string;
  busyLabel: string;
  form: ReturnType<typeof useAuthForm>;
  onSubmit: (event: Event) => void;
  children: ComponentChildren;
}

/** The form's frame; the fields particular to each form are its children. */
export function AuthForm({ action, title, submitLabel, busyLabel, form, onSubmit, children }: AuthFormProps) {
  return (
    <form class="auth-form" onSubmit={onSubmit} noValidate aria-labelledby={`${action}-title`}>
      <h1 id={`${action}-title`}>{title}</h1>
      {children}
      <SharedComputerField id={`${action}-shared`} checked={form.sharedComputer} onChange={form.setSharedComputer} />
      <FormError id={`${action}-error`} text={form.form.error} />
      <button type="submit" disabled={form.form.busy}>
        {form.form.busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
