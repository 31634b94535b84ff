// A view whose code is loaded on first use: esbuild puts a dynamic import() in its own chunk,
// which keeps the first page's script small.
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function LazyView(props: P) {
    const [, setReady] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let mounted = true;
      loading ??= load();
      loading.then(
        (view) => {
          loaded = view;
          if (mounted) setReady((n) => n + 1);
        },
        () => {
          loading = null; // let the next visit try again
          if (mounted) setFailed(true);
        },
      );
      return () => {
        mounted = false;
      };
    }, []);
    if (loaded) {
      const View = loaded;
      return <View {...props} />;
    }
    if (failed) return <p class="problem">This part of Hearth could not be loaded. Reload the page to try again.</p>;
    return <p class="loading">Loading…</p>;
  };
}
