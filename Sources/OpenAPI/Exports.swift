// The source-position type OpenAPI's own API hands out (`SpecError`, `OpenAPIDocument.location`,
// `Operation.location`): re-exported so that naming it needs no second import.

@_exported import struct YAMLSource.SourceLocation
