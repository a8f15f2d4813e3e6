// A page of the front desk: it fills `main` and may return a clean-up for when it is left.
export interface ViewContext {
  params: string[];
  query: URLSearchParams;
}

export type View = (main: HTMLElement, context: ViewContext) => void | (() => void);
