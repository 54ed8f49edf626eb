// The stable codes of enum values (Codes.Code) are used by every feature.
global using Section287.Common;
