global using Shouldly;
global using Xunit;
global using Section287.Tests.Infrastructure;
