using System.Globalization;

namespace Section287.Common;

/// <summary>
/// The words of the staff pages in Spanish (issue 20: the agencies of Puerto Rico and many counties work in both languages).
/// A staff page writes its English and wraps it: <c>@S("Record an encounter")</c>; in Spanish the catalog gives the text, keyed by
/// the English itself (as gettext does), so a page reads as what it says. A test scans every page's source for S("…") and fails on
/// any text the catalog lacks; another renders the translated pages in Spanish and fails on English left outside S().
/// Values from records (names, numbers, what someone typed) are shown as they are.
/// </summary>
public static partial class Texts
{
    /// <summary>A staff page's text in the reader's language.</summary>
    public static string S(string english) =>
        !IsSpanish ? english : Staff.TryGetValue(english, out var spanish) ? spanish : english;

    /// <summary>A staff page's text with values put in ({0}, {1}…), in the reader's language.</summary>
    public static string S(string english, params object?[] args) => string.Format(CultureInfo.CurrentCulture, S(english), args);

    /// <summary>English → Spanish, for the staff pages translated so far.</summary>
    public static readonly IReadOnlyDictionary<string, string> Staff = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Shared pieces of staff pages.
        ["local time"] = "hora local",
        ["Previous"] = "Anterior",
        ["Next"] = "Siguiente",
        ["Page {0} of {1}"] = "Página {0} de {1}",
        ["What"] = "Qué",
        ["Whose move"] = "Quién debe actuar",
        ["Due"] = "Vence",
        ["State"] = "Estado",
        ["Subject"] = "Asunto",
        ["No deadline here. A deadline starts when a step that has a time limit begins (a request, a claim, a review) and shows here with whose move it is."] =
            "No hay plazos aquí. Un plazo empieza cuando comienza un paso con límite de tiempo (una solicitud, un reclamo, una revisión) y aparece aquí con quién debe actuar.",
        ["open"] = "abierto", ["warning"] = "aviso", ["overdue"] = "vencido", ["met"] = "cumplido", ["missed"] = "incumplido", ["cancelled"] = "cancelado",
        ["Now"] = "Ahora",
        ["ICE program office"] = "Oficina del programa de ICE",
        ["ICE field supervisor"] = "Supervisor de campo de ICE",
        ["Agency coordinator"] = "Coordinador de la agencia",
        ["Designated officer"] = "Agente designado",
        ["Oversight"] = "Supervisión independiente",
        ["ICE public affairs"] = "Asuntos públicos de ICE",
        ["ICE privacy office"] = "Oficina de privacidad de ICE",
        ["Yes"] = "Sí",
        ["No"] = "No",

        // Encounters: the list.
        ["Encounters"] = "Encuentros",
        ["You are not nominated under any agreement; ask your agency's coordinator."] =
            "No está nominado bajo ningún acuerdo; pregunte al coordinador de su agencia.",
        ["Record an encounter under the {0}"] = "Registrar un encuentro bajo el {0}",
        ["Show"] = "Mostrar",
        ["All"] = "Todos",
        ["Open"] = "Abiertos",
        ["Ended"] = "Terminados",
        ["No encounters yet."] = "Todavía no hay encuentros.",
        ["Record one with the button above when you use your authority."] = "Registre uno con el botón de arriba cuando use su autoridad.",
        ["They appear here as designated officers record them."] = "Aparecen aquí a medida que los agentes designados los registran.",
        ["No older encounters."] = "No hay encuentros anteriores.",
        ["The newest {0} encounters."] = "Los {0} encuentros más recientes.",
        ["Older {0} encounters."] = "{0} encuentros anteriores.",
        ["More below."] = "Hay más abajo.",
        ["Encounters you can see, newest first"] = "Encuentros que puede ver, los más recientes primero",
        ["Encounter"] = "Encuentro",
        ["When"] = "Cuándo",
        ["Agency and officer"] = "Agencia y agente",
        ["Basis"] = "Fundamento",
        ["entered late"] = "registrado tarde",
        ["citizenship claim open"] = "reclamo de ciudadanía abierto",
        ["detainer {0}"] = "detainer {0}",
        ["Pages of encounters"] = "Páginas de encuentros",
        ["Newest"] = "Más recientes",
        ["Older"] = "Anteriores",

        // Encounters: recording one.
        ["Record an encounter"] = "Registrar un encuentro",
        ["Record an encounter — {0}"] = "Registrar un encuentro — {0}",
        ["Times are in your local time ({0}). The lawful basis comes first: without it there is no encounter, and immigration status is never a basis."] =
            "Las horas están en su hora local ({0}). El fundamento legal va primero: sin él no hay encuentro, y la situación migratoria nunca es un fundamento.",
        ["Your draft of {0} is filled in below. Record it, or discard it at the foot of the form."] =
            "Su borrador de {0} está rellenado abajo. Regístrelo o descártelo al pie del formulario.",
        ["Your draft is saved. It is kept for a week, for you only."] = "Su borrador está guardado. Se conserva una semana, solo para usted.",
        ["The draft is discarded."] = "El borrador se ha descartado.",
        ["Lawful basis"] = "Fundamento legal",
        ["Booking number"] = "Número de registro de ingreso",
        ["Criminal charges of the booking"] = "Cargos penales del ingreso",
        ["Arrested"] = "Arrestado",
        ["Booked"] = "Ingresado",
        ["A stop or an arrest"] = "Una parada o un arresto",
        ["Stop"] = "Parada",
        ["Arrest"] = "Arresto",
        ["The state or federal offense"] = "El delito estatal o federal",
        ["The offense is"] = "El delito es",
        ["A state crime"] = "Un delito estatal",
        ["A federal crime"] = "Un delito federal",
        ["An immigration violation (only where the program office has switched off our offense-first policy)"] =
            "Una infracción migratoria (solo donde la oficina del programa ha desactivado nuestra política de delito primero)",
        ["The ICE warrant"] = "La orden de ICE",
        ["I-200, warrant of arrest"] = "I-200, orden de arresto",
        ["I-205, warrant of removal"] = "I-205, orden de expulsión",
        ["Warrant number"] = "Número de la orden",
        ["Signed by"] = "Firmada por",
        ["Signed on"] = "Firmada el",
        ["When and where"] = "Cuándo y dónde",
        ["Place of the stop or arrest"] = "Lugar de la parada o del arresto",
        ["Jail or booking facility"] = "Cárcel o centro de ingreso",
        ["Why it is entered late"] = "Por qué se registra tarde",
        ["Only if you enter it more than 24 hours after it happened."] = "Solo si lo registra más de 24 horas después de que ocurriera.",
        ["Scheduled release"] = "Liberación programada",
        ["When the person would be released on the criminal case, if known."] = "Cuándo se liberaría a la persona en el caso penal, si se sabe.",
        ["A planned enforcement action"] = "Una acción de cumplimiento planificada",
        ["Deconfliction reference with ICE"] = "Referencia de desconflicción con ICE",
        ["Deconflicted"] = "Desconflictuado",
        ["The person"] = "La persona",
        ["Encrypted when saved, shown only to those who need it, every read logged."] =
            "Se cifra al guardarse, solo se muestra a quien lo necesita y cada lectura queda registrada.",
        ["Name as booked or identified"] = "Nombre según el ingreso o la identificación",
        ["Date of birth"] = "Fecha de nacimiento",
        ["FBI number, if known"] = "Número del FBI, si se conoce",
        ["A-number, if known"] = "Número A, si se conoce",
        ["The stop"] = "La parada",
        ["What the disparity tests read: whether there was a search, on what basis, what it found, and how the stop ended."] =
            "Lo que leen las pruebas de disparidad: si hubo registro, con qué fundamento, qué encontró y cómo terminó la parada.",
        ["Kind of stop"] = "Tipo de parada",
        ["The person or the vehicle was searched"] = "Se registró a la persona o el vehículo",
        ["Basis of the search (if searched)"] = "Fundamento del registro (si lo hubo)",
        ["Not searched"] = "Sin registro",
        ["The search found contraband (if searched)"] = "El registro encontró contrabando (si lo hubo)",
        ["How the stop ended"] = "Cómo terminó la parada",
        ["Beat or district (if your agency has them)"] = "Sector o distrito (si su agencia los tiene)",
        ["Your perception of the person"] = "Su percepción de la persona",
        ["As California's stop-data rules define it; recorded for oversight only."] =
            "Según la definen las reglas de datos de paradas de California; se registra solo para la supervisión.",
        ["Perceived race or ethnicity (every one that applies)"] = "Raza o etnia percibida (todas las que correspondan)",
        ["Perceived gender"] = "Género percibido",
        ["Approximate age"] = "Edad aproximada",
        ["Limited or no English fluency"] = "Dominio limitado o nulo del inglés",
        ["Perceived or known disability (every one that applies)"] = "Discapacidad percibida o conocida (todas las que correspondan)",
        ["Limited English: the person was given the opportunity to request an interpreter"] =
            "Inglés limitado: se dio a la persona la oportunidad de pedir un intérprete",
        ["An interpreter is needed"] = "Se necesita un intérprete",
        ["Language"] = "Idioma",
        ["Record the encounter"] = "Registrar el encuentro",
        ["Save a draft"] = "Guardar un borrador",
        ["Your draft is kept on the server, encrypted and for you only, for a week: while you type, and when you press “Save a draft”."] =
            "Su borrador se guarda en el servidor, cifrado y solo para usted, durante una semana: mientras escribe y cuando pulsa «Guardar un borrador».",
        ["Draft saved at"] = "Borrador guardado a las",
        ["Discard the draft and start again"] = "Descartar el borrador y empezar de nuevo",
        ["Encounters, breadcrumbs"] = "Encuentros, ruta de navegación",
        ["Breadcrumbs"] = "Ruta de navegación",

        // Perception and stop choices (California's stop-data categories).
        ["Asian"] = "Asiática",
        ["Black/African American"] = "Negra/afroamericana",
        ["Hispanic/Latino(a)"] = "Hispana/latina",
        ["Middle Eastern or South Asian"] = "De Oriente Medio o del sur de Asia",
        ["Native American"] = "Nativa americana",
        ["Pacific Islander"] = "De las islas del Pacífico",
        ["White"] = "Blanca",
        ["Cisgender man/boy"] = "Hombre/niño cisgénero",
        ["Cisgender woman/girl"] = "Mujer/niña cisgénero",
        ["Transgender man/boy"] = "Hombre/niño transgénero",
        ["Transgender woman/girl"] = "Mujer/niña transgénero",
        ["Nonbinary person"] = "Persona no binaria",
        ["A vehicle stop"] = "Una parada de vehículo",
        ["A stop on foot"] = "Una parada a pie",
        ["Deafness or difficulty hearing"] = "Sordera o dificultad para oír",
        ["Speech impairment or limited use of language"] = "Trastorno del habla o uso limitado del lenguaje",
        ["Blind or limited vision"] = "Ceguera o visión limitada",
        ["Mental health condition"] = "Afección de salud mental",
        ["Intellectual or developmental disability, including dementia"] = "Discapacidad intelectual o del desarrollo, incluida la demencia",
        ["Hyperactivity or impulsive behavior"] = "Hiperactividad o conducta impulsiva",
        ["Other disability"] = "Otra discapacidad",
        ["No disability"] = "Ninguna discapacidad",
        ["Consent"] = "Consentimiento",
        ["Probable cause"] = "Causa probable",
        ["Plain view"] = "A simple vista",
        ["K-9 alert"] = "Alerta canina (K-9)",
        ["Incident to arrest"] = "Incidental al arresto",
        ["Inventory"] = "Inventario",
        ["Search warrant"] = "Orden de registro",
        ["Other"] = "Otro",
        ["Warning"] = "Advertencia",
        ["Citation"] = "Citación",
        ["Arrest on the state or federal offense"] = "Arresto por el delito estatal o federal",
        ["Immigration action (detainer, arrest under 287(g), or charging document)"] = "Acción migratoria (detainer, arresto bajo 287(g) o documento de acusación)",
        ["No action"] = "Ninguna acción",
    };
}
