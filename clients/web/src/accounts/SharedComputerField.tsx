interface SharedComputerFieldProps {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** "This is a shared computer": the token is kept in this tab's memory only (token_store.ts). */
export function SharedComputerField({ id, checked, onChange }: SharedComputerFieldProps) {
  return (
    <div class="field checkbox-field">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />
      <label for={id}>This is a shared computer</label>
      <p class="hint">Nothing of your account stays on this computer once you close the tab.</p>
    </div>
  );
}
