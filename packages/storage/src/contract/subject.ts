/** A store under test and how to release it. */
export interface ContractSubject<T> {
  store: T
  close(): Promise<void>
}

/** Opens a fresh, empty store for one test. */
export type OpenSubject<T> = () => Promise<ContractSubject<T>>
