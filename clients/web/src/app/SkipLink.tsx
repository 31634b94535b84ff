/** The first stop for the keyboard: jumps past the header. A plain #main link would change
 * the hash route, so it moves focus itself. */
export function SkipLink() {
  return (
    <a
      class="skip-link"
      href="#main"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById("main")?.focus();
      }}
    >
      Skip to content
    </a>
  );
}
