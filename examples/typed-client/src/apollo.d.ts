// Apollo Client's "modern" method signatures type results by the
// errorPolicy in force: `data` is non-null under the default policy
// ("none", where any error rejects instead), and `data | undefined`
// with `error` under errorPolicy "all".
import "@apollo/client";

declare module "@apollo/client" {
  export interface TypeOverrides {
    signatureStyle: "modern";
  }
}
