using System.Runtime.CompilerServices;

// The tests check the SP's own signatures with the same verifier that guards incoming messages.
[assembly: InternalsVisibleTo("ScsFederation.Saml.Tests")]
