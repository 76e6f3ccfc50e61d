/** The global options every command accepts (cli-contract.md), as parsed from the command line. */
export interface GlobalFlags {
  config?: string;
  pool?: string;
  primary?: string;
  secondary?: string;
  profile?: string;
  endpointUrl?: string;
  /** `--sandbox` alone → true; `--sandbox URL` → the URL. */
  sandbox?: string | boolean;
  output: 'text' | 'json';
  yes: boolean;
  /** false when --no-color was given. */
  color: boolean;
  verbose: boolean;
}
