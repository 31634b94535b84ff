import type { Ref } from "preact";

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "password";
  autocomplete: string;
  hint?: string;
  /** What is wrong with the value, said next to the field. */
  problem?: string | null;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input with its hint and its problem tied to it for screen readers. */
export function TextField({ id, label, value, onInput, type = "text", autocomplete, hint, problem, inputRef }: TextFieldProps) {
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [hint ? hintId : null, problem ? problemId : null].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        ref={inputRef}
        type={type}
        value={value}
        autocomplete={autocomplete}
        autocapitalize="off"
        spellcheck={false}
        aria-invalid={problem ? "true" : undefined}
        aria-describedby={describedBy || undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      {problem && (
        <p id={problemId} class="problem">
          {problem}
        </p>
      )}
    </div>
  );
}
