/** The sentence for a failed form, read out at once (role="alert"). */
export function FormError({ id, text }: { id: string; text: string | null }) {
  return (
    <p id={id} class="form-error" role="alert">
      {text ?? ""}
    </p>
  );
}
