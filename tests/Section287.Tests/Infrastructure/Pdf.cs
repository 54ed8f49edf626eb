using System.Diagnostics;

namespace Section287.Tests.Infrastructure;

/// <summary>Reads a PDF's text with poppler's pdftotext, an independent reader: if it cannot open the file, the test fails.</summary>
public static class Pdf
{
    public static async Task<string> TextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"s287-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", "-nopgbrk", path, "-"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, $"pdftotext could not open the PDF: {error}");
            // Lines are wrapped on the page; the text is compared as one run of words.
            return string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The structure tree as poppler reads it (<c>pdfinfo -struct-text</c>): the tags, their attributes and their text.</summary>
    public static async Task<string> StructureAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"s287-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdfinfo", ["-struct-text", path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var structure = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, $"pdfinfo could not read the structure: {error}");
            return structure;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task<string> InfoAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"s287-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdfinfo", [path]) { RedirectStandardOutput = true })!;
            var info = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return info;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
