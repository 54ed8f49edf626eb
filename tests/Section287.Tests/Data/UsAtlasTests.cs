using Section287.Data.Reference;

namespace Section287.Tests.Data;

/// <summary>
/// The bundled Census atlas gives each county and state a centre, from which sunset and dusk are computed for an agency's
/// stops. Expected points are the Census Bureau's 2020 Gazetteer internal points, rounded; a centroid of a compact county
/// lies within a few kilometres of it.
/// </summary>
public sealed class UsAtlasTests
{
    [Theory]
    [InlineData("21059", 37.73, -87.09)] // Daviess County, Kentucky (Owensboro)
    [InlineData("47093", 35.99, -83.94)] // Knox County, Tennessee (the JEM agreement in ../shared)
    [InlineData("48423", 32.38, -95.27)] // Smith County, Texas (the TFM agreement)
    [InlineData("01059", 34.44, -87.84)] // Franklin County, Alabama (the WSO agreement)
    [InlineData("20169", 38.78, -97.65)] // Saline County, Kansas
    public void A_county_centre_is_its_centroid_near_the_census_internal_point(string fips, double lat, double lng)
    {
        var centre = UsAtlas.County(fips);
        Assert.NotNull(centre);
        Assert.InRange(centre.Value.Lat, lat - 0.1, lat + 0.1);
        Assert.InRange(centre.Value.Lng, lng - 0.1, lng + 0.1);
    }

    [Fact]
    public void Every_county_has_a_centre_and_unknown_codes_have_none()
    {
        Assert.InRange(UsAtlas.CountyCount, 3200, 3300);
        Assert.Null(UsAtlas.County("99999"));
        Assert.Null(UsAtlas.County(null));
    }

    [Fact]
    public void A_county_across_the_180th_meridian_is_centred_on_its_own_islands_not_on_the_other_side_of_the_globe()
    {
        var aleutians = UsAtlas.County("02016")!.Value; // Aleutians West Census Area, Alaska
        Assert.InRange(aleutians.Lat, 51, 56);
        Assert.True(Math.Abs(aleutians.Lng) > 165, $"longitude {aleutians.Lng}");
    }

    [Fact]
    public void A_state_centre_is_found_by_its_postal_code()
    {
        var kansas = UsAtlas.State("KS")!.Value;
        Assert.InRange(kansas.Lat, 38.3, 38.7);
        Assert.InRange(kansas.Lng, -98.6, -98.2);
        Assert.Null(UsAtlas.State("ZZ"));
    }
}
