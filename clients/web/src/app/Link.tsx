import type { ComponentChildren } from "preact";
import { navigate } from "./router";

interface LinkProps {
  to: string;
  current?: boolean;
  class?: string;
  children: ComponentChildren;
}

/** An in-app link that navigates without adding a history entry (see router.ts). */
export function Link({ to, current, class: className, children }: LinkProps) {
  return (
    <a
      href={`#/${to}`}
      class={className}
      aria-current={current ? "page" : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
