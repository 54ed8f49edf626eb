using System.Globalization;

namespace Section287.Common;

/// <summary>
/// The words of the public pages in English and Spanish. Kept in code so a missing translation
/// fails a test (every key has both) instead of showing a key to a reader.
/// </summary>
public static class Texts
{
    public static bool IsSpanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    public static string Lang => IsSpanish ? "es" : "en";

    public static string T(string key) =>
        All.TryGetValue(key, out var text) ? (IsSpanish ? text.Es : text.En) : throw new KeyNotFoundException($"No text '{key}'.");

    public static string T(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, T(key), args);

    public static readonly IReadOnlyDictionary<string, (string En, string Es)> All = new Dictionary<string, (string, string)>
    {
        ["site.name"] = ("Section287", "Section287"),
        ["site.tagline"] = ("Public record of 287(g) agreements", "Registro público de los acuerdos 287(g)"),
        ["site.banner"] = ("An open-source system for running and overseeing the 287(g) program", "Un sistema de código abierto para gestionar y supervisar el programa 287(g)"),
        ["site.skip"] = ("Skip to main content", "Saltar al contenido principal"),
        ["site.language"] = ("Español", "English"),
        ["site.language.label"] = ("Leer en español", "Read in English"),
        ["nav.primary"] = ("Primary navigation", "Navegación principal"),
        ["nav.registry"] = ("Agreements", "Acuerdos"),
        ["nav.summary"] = ("Summary", "Resumen"),
        ["nav.signin"] = ("Staff sign-in", "Acceso del personal"),
        ["nav.signout"] = ("Sign out", "Cerrar sesión"),
        ["nav.work"] = ("Staff home", "Inicio del personal"),
        ["footer.source"] = ("Agreement data: U.S. Immigration and Customs Enforcement, 287(g) program publications.", "Datos de los acuerdos: Servicio de Inmigración y Control de Aduanas de EE. UU., publicaciones del programa 287(g)."),
        ["footer.asof"] = ("ICE's list as of {0}.", "Lista de ICE al {0}."),
        ["registry.title"] = ("287(g) agreements", "Acuerdos 287(g)"),
        ["registry.intro"] = ("Every agreement ICE has published between it and a state or local law enforcement agency, as of ICE's newest list. Filter by state, model, agency type or status, or search by agency name.", "Todos los acuerdos que ICE ha publicado con agencias estatales o locales del orden público, según la lista más reciente de ICE. Filtre por estado, modelo, tipo de agencia o situación, o busque por nombre de agencia."),
        ["registry.filters"] = ("Filter agreements", "Filtrar acuerdos"),
        ["registry.state"] = ("State", "Estado"),
        ["registry.model"] = ("Model", "Modelo"),
        ["registry.status"] = ("Status", "Situación"),
        ["registry.agencytype"] = ("Agency type", "Tipo de agencia"),
        ["registry.search"] = ("Agency name", "Nombre de la agencia"),
        ["registry.any"] = ("Any", "Cualquiera"),
        ["registry.apply"] = ("Apply filters", "Aplicar filtros"),
        ["registry.clear"] = ("Clear filters", "Borrar filtros"),
        ["registry.results"] = ("{0} agreements match. Page {1} of {2}.", "{0} acuerdos coinciden. Página {1} de {2}."),
        ["registry.none"] = ("No agreement matches these filters.", "Ningún acuerdo coincide con estos filtros."),
        ["registry.table"] = ("Agreements matching the filters", "Acuerdos que coinciden con los filtros"),
        ["registry.agency"] = ("Agency", "Agencia"),
        ["registry.county"] = ("County", "Condado"),
        ["registry.signed"] = ("Signed", "Firmado"),
        ["registry.moa"] = ("Agreement (MOA)", "Acuerdo (MOA)"),
        ["registry.moa.link"] = ("MOA of {0}, {1}", "MOA de {0}, {1}"),
        ["registry.moa.none"] = ("Not published", "No publicado"),
        ["registry.pages"] = ("Pages of results", "Páginas de resultados"),
        ["registry.previous"] = ("Previous", "Anterior"),
        ["registry.next"] = ("Next", "Siguiente"),
        ["registry.page"] = ("Page {0}", "Página {0}"),
        ["model.JEM"] = ("Jail Enforcement Model", "Modelo de Control en Cárceles"),
        ["model.TFM"] = ("Task Force Model", "Modelo de Grupo de Trabajo"),
        ["model.WSO"] = ("Warrant Service Officer", "Oficial de Ejecución de Órdenes"),
        ["status.draft"] = ("Draft", "Borrador"),
        ["status.pending_signature"] = ("Awaiting signatures", "Pendiente de firmas"),
        ["status.active"] = ("Active", "Vigente"),
        ["status.suspended"] = ("Suspended", "Suspendido"),
        ["status.terminated"] = ("Terminated", "Terminado"),
        ["status.expired"] = ("Expired", "Vencido"),
        ["status.removed"] = ("No longer on ICE's list", "Ya no figura en la lista de ICE"),
        ["type.county"] = ("County", "Condado"),
        ["type.municipality"] = ("Municipality", "Municipio"),
        ["type.state_agency"] = ("State agency", "Agencia estatal"),
        ["type.other"] = ("Other", "Otra"),
        ["agency.facts"] = ("About the agency", "Sobre la agencia"),
        ["agency.state"] = ("State", "Estado"),
        ["agency.type"] = ("Type", "Tipo"),
        ["agency.county"] = ("County", "Condado"),
        ["agency.ori"] = ("FBI agency identifier (ORI)", "Identificador de agencia del FBI (ORI)"),
        ["agency.aor"] = ("ICE field office", "Oficina local de ICE"),
        ["agency.population"] = ("Population served", "Población atendida"),
        ["agency.officers"] = ("Sworn officers", "Agentes juramentados"),
        ["agency.unknown"] = ("Not known", "No se sabe"),
        ["agency.agreements"] = ("Agreements", "Acuerdos"),
        ["agency.history"] = ("History of this agreement", "Historial de este acuerdo"),
        ["agency.addendum"] = ("Addendum", "Anexo"),
        ["agency.listed"] = ("On ICE's lists from {0} to {1}", "En las listas de ICE del {0} al {1}"),
        ["agency.removedon"] = ("Not on ICE's list of {0}", "No figura en la lista de ICE del {0}"),
        ["agency.pending"] = ("Pending applications listed by ICE", "Solicitudes pendientes publicadas por ICE"),
        ["agency.datanotes"] = ("Notes on ICE's data", "Notas sobre los datos de ICE"),
        ["agency.datanotes.intro"] = ("Values in ICE's published list that looked wrong or incomplete. They are kept as ICE wrote them.", "Valores de la lista publicada por ICE que parecían erróneos o incompletos. Se conservan tal como ICE los escribió."),
        ["agency.back"] = ("Back to all agreements", "Volver a todos los acuerdos"),
        ["agency.notfound"] = ("No such agency in the public registry.", "Esa agencia no figura en el registro público."),
        ["history.Listed"] = ("First listed", "Primera aparición"),
        ["history.Changed"] = ("Changed", "Cambio"),
        ["history.Removed"] = ("Removed from ICE's list", "Retirado de la lista de ICE"),
        ["history.Relisted"] = ("Listed again", "Vuelve a figurar"),
        ["history.date"] = ("List date", "Fecha de la lista"),
        ["history.what"] = ("What", "Qué"),
        ["history.details"] = ("Details", "Detalles"),
        ["summary.title"] = ("287(g) agreements in numbers", "Los acuerdos 287(g) en cifras"),
        ["summary.intro"] = ("Active agreements on ICE's list as of {0}: {1} agreements with {2} agencies.", "Acuerdos vigentes en la lista de ICE al {0}: {1} acuerdos con {2} agencias."),
        ["summary.bymodel"] = ("Active agreements by model", "Acuerdos vigentes por modelo"),
        ["summary.bystate"] = ("Active agreements by state", "Acuerdos vigentes por estado"),
        ["summary.count"] = ("Agreements", "Acuerdos"),
        ["summary.chart"] = ("Chart: active agreements by model", "Gráfico: acuerdos vigentes por modelo"),
        ["summary.chart.state"] = ("Chart: the 15 states with the most active agreements", "Gráfico: los 15 estados con más acuerdos vigentes"),
        ["summary.nodata"] = ("No ICE list has been imported yet.", "Aún no se ha importado ninguna lista de ICE."),
        ["error.summary"] = ("There is a problem", "Hay un problema"),
        ["error.notfound.title"] = ("Page not found", "Página no encontrada"),
    };
}
