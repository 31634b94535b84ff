// A coach's request from a button or form: busy while it runs, its failure as a sentence.
import { useState } from "preact/hooks";
import { coachErrorSentence } from "./coach_errors";

export function useRequest(): {
  busy: boolean;
  problem: string | null;
  run: <T>(doing: string, request: () => Promise<T>) => Promise<T | undefined>;
} {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function run<T>(doing: string, request: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setProblem(null);
    try {
      return await request();
    } catch (error) {
      setProblem(coachErrorSentence(doing, error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, problem, run };
}
