"""French text of the suite's and the grader's messages (see conformance.core.messages).

Key: the English text exactly as the code writes it (placeholders ``{name}`` included); value: its
French. A message missing here is shown in English. Clause texts are not here: they come from
spec/protocole.md. Keep the placeholders, keep the text in the tone of the handout (« vous »).
"""
from __future__ import annotations

from typing import Dict

FRENCH: Dict[str, str] = {
    # -- a check's verdict (conformance/core/verdict.py) -----------------------------------------------
    "{clause} [{level}] broken": "{clause} [{level}] non respectée",
    "clause:": "clause :",
    "expected:": "attendu :",
    "seen:": "observé :",
    "not reached:": "non atteinte :",
    "not run:": "non lancée :",
    "advice ({clause} [{level}]): expected {expected}; seen {seen}":
        "conseil ({clause} [{level}]) : attendu {expected} ; observé {seen}",
    # -- the plugin (conformance/plugin.py) ------------------------------------------------------------
    "this install of the kit has no reference server to check (a student's install): "
    "say which server to check, e.g. `canaduck check server.py --step 3`, "
    "--server-cmd 'python3 server.py' or --target HOST:PORT":
        "cette installation du kit n'a pas de serveur de référence à vérifier (installation "
        "étudiante) : dites quel serveur vérifier, par exemple `canaduck check server.py --step 3`, "
        "--server-cmd 'python3 server.py' ou --target HÔTE:PORT",
    "nothing is listening at {address}: {problem}": "rien n'écoute à l'adresse {address} : {problem}",
    "server did not start: {error}": "le serveur n'a pas démarré : {error}",
    "step 4 needs the server's standard input for the operator's answers: use --server-cmd":
        "l'étape 4 a besoin de l'entrée standard du serveur pour les réponses de l'opérateur :"
        " utilisez --server-cmd",
    "--gentle: the checks that may crash or freeze the server were left out":
        "--gentle : les vérifications qui peuvent planter ou bloquer le serveur ont été laissées de côté",
    "the other checks did not finish in time: this one may crash the server":
        "les autres vérifications n'ont pas fini à temps : celle-ci peut planter le serveur",
    "canaduck target: {target}": "canaduck cible : {target}",
    "canaduck client command: {command}": "canaduck commande du client : {command}",
    "canaduck command: {command}": "canaduck commande : {command}",
    "canaduck seed: {seed} (--seed {seed} replays the probes generated from the grammar)":
        "canaduck graine (seed) : {seed} (--seed {seed} rejoue les messages de test générés depuis la grammaire)",
    "canaduck steps: {steps}; framing of the played server: {framing}; reply timeout {reply} s;"
    " start timeout {start} s; a fresh client for each check":
        "canaduck étapes : {steps} ; cadrage du serveur joué : {framing} ; délai de réponse {reply} s ;"
        " délai de démarrage {start} s ; un nouveau client pour chaque vérification",
    "canaduck steps: {steps}; framing: {framing}; reply timeout {reply} s; start timeout {start} s;"
    " quiet gap {gap} s; disruptive checks: {disruptive}":
        "canaduck étapes : {steps} ; cadrage : {framing} ; délai de réponse {reply} s ; délai de démarrage"
        " {start} s ; silence de fin de réponse {gap} s ; vérifications perturbatrices : {disruptive}",
    "not run (--gentle)": "non lancées (--gentle)",
    "run last": "lancées en dernier",
    "run, each on a fresh server": "lancées, chacune sur un serveur neuf",
    "auto": "automatique (auto)",
    # -- the run's summary (conformance/core/results.py, core/settings.py) -----------------------------
    "server started by the suite (--server-cmd)": "serveur démarré par l'outil de vérification (--server-cmd)",
    "bundled reference server (reference_impl)": "serveur de référence fourni (reference_impl)",
    "target:  {target}": "cible :   {target}",
    "steps:   {steps}": "étapes :  {steps}",
    "framing: {framing}": "cadrage : {framing}",
    "not detected": "non détecté",
    "PARTIAL VERDICT: the run stopped early ({why}): {ran} of {selected} checks made;"
    " the others were neither passed nor failed.":
        "VERDICT PARTIEL : la vérification s'est arrêtée avant la fin ({why}) : {ran} vérifications faites sur"
        " {selected} ; les autres ne sont ni respectées ni non respectées.",
    "PARTIAL VERDICT: the run stopped early ({why}), before any check.":
        "VERDICT PARTIEL : la vérification s'est arrêtée avant la fin ({why}), avant toute vérification.",
    "PARTIAL VERDICT: no check reached a verdict.": "VERDICT PARTIEL : aucune vérification n'a abouti à un verdict.",
    "interrupted": "interrompue",
    "after the run: does the server still answer?": "après la vérification : le serveur répond-il encore ?",
    "after the checks, the server still answers a new client":
        "après les vérifications, le serveur répond encore à un nouveau client",
    "after the checks, the server no longer answers a new client: it crashed or is stuck"
    " (restart it; it may be using a whole CPU core)":
        "après les vérifications, le serveur ne répond plus à un nouveau client : il a planté ou il est"
        " bloqué (relancez-le ; il occupe peut-être tout un cœur de processeur)",
    "stopped after a failure (-x or --maxfail)": "arrêt après un échec (-x ou --maxfail)",
    "interrupted (Ctrl-C)": "interrompue (Ctrl-C)",
    "stopped by SIGTERM": "arrêtée par SIGTERM",
    "stopped by SIGHUP (the terminal closed)": "arrêtée par SIGHUP (le terminal a été fermé)",
    "--results-json {path}: the folder {folder} does not exist":
        "--results-json {path} : le dossier {folder} n'existe pas",
    "{clauses}: {cause}": "{clauses} : {cause}",
    "server did not start / not reachable: {error}": "serveur non démarré / injoignable : {error}",
    "clauses passed ({count}): {clauses}": "clauses respectées ({count}) : {clauses}",
    "clauses FAILED ({count}): {clauses}": "clauses NON RESPECTÉES ({count}) : {clauses}",
    "clauses not reached, because of another fault ({count}):":
        "clauses non atteintes, à cause d'une autre erreur ({count}) :",
    "advice, SHOULD not followed ({count}): {clauses}": "conseils, SHOULD non suivis ({count}) : {clauses}",
    "clauses that do not apply to this server's framing ({count}): {clauses}":
        "clauses qui ne s'appliquent pas au cadrage de ce serveur ({count}) : {clauses}",
    "THE SERVER DID NOT START: none of the {count} checks could be made.":
        "LE SERVEUR N'A PAS DÉMARRÉ : aucune des {count} vérifications n'a pu être faite.",
    "clauses not run ({count}): {clauses}": "clauses non lancées ({count}) : {clauses}",
    "PARTIAL VERDICT: the clauses not run were neither passed nor failed.":
        "VERDICT PARTIEL : les clauses non lancées ne sont ni respectées ni non respectées.",
    # -- what checks expected (conformance/checks/server/test_*.py; texts with no {placeholder} only) ---
    "then the server closes the connection": "puis le serveur ferme la connexion",
    "the session goes on after the error reply": "la session continue après la réponse d'erreur",
    "the session goes on after 'fin de journée' and 'enfin'":
        "la session continue après 'fin de journée' et 'enfin'",
    "the server closes the connection right after its reply":
        "le serveur ferme la connexion juste après sa réponse",
    "the reply 'fin' when the operator types 'fin'": "la réponse 'fin' quand l'opérateur tape 'fin'",
    "the operator's line as the reply": "la ligne de l'opérateur comme réponse",
    "the connection stayed open": "la connexion est restée ouverte",
    "the connection was gone": "la connexion était déjà fermée",
    "raw framing: a reply needs no terminator": "cadrage brut : une réponse n'a pas besoin de terminateur",
    "some clients were still waiting": "certains clients attendaient encore",
    "the unknown commands": "les commandes inconnues",
    "the malformed commands": "les commandes mal formées",
    "the non-arithmetic messages": "les messages non arithmétiques",
    "the same replies to a long line however TCP cuts it":
        "les mêmes réponses à une longue ligne, quelle que soit la façon dont TCP la découpe",
    "a line of 1500 bytes sent at once": "une ligne de 1500 octets envoyée d'un coup",
    "a line of 1500 bytes, its first 1100 bytes alone": "une ligne de 1500 octets, ses 1100 premiers octets envoyés seuls",
    "the rest of the line": "le reste de la ligne",
    "the connection closed": "la connexion a été fermée",
    "no reply to the next message": "aucune réponse au message suivant",
    "raw framing: FRAME-5 is about line framing": "cadrage brut : FRAME-5 concerne le cadrage par ligne",
    "no reply to 'suite', the session's next message (see SESS-1)":
        "aucune réponse à 'suite', le message suivant de la session (voir SESS-1)",
    "the session was over after the opening exchanges (see CMD-3, CMD-6)":
        "la session était terminée après les premiers échanges (voir CMD-3, CMD-6)",
    # -- probes generated from the grammar (conformance/server_under_test/generated_probes.py) ----------
    "generated from the grammar (--seed {seed})": "générés depuis la grammaire (--seed {seed})",
    "shrinking (--seed {seed})": "réduction (--seed {seed})",
    "generated from the grammar with --seed {seed}": "généré depuis la grammaire avec --seed {seed}",
    "generated from the grammar with --seed {seed}, shrunk from {original}":
        "généré depuis la grammaire avec --seed {seed}, réduit à partir de {original}",
    # -- the grader's words (tools/grade/writers/describe.py) ------------------------------------------
    "graded": "noté",
    "did not start": "n'a pas démarré",
    "timed out": "temps dépassé",
    "not graded: time budget": "non noté : temps imparti épuisé",
    "**Not graded: time budget.** The grading platform gives each submission a limited time, "
    "and it ran out before this step could be checked to the end. This is not a fault found "
    "in your program; what could not be checked scores zero. Ask your teacher.":
        "**Non noté : temps imparti épuisé.** La plateforme de correction accorde à chaque rendu"
        " un temps limité, et il a été épuisé avant que cette étape puisse être vérifiée jusqu'au"
        " bout. Ce n'est pas une faute trouvée dans votre programme ; ce qui n'a pas pu être"
        " vérifié vaut zéro. Adressez-vous à votre enseignant.",
    "not graded (grader's problem)": "pas corrigé (problème du correcteur)",
    "no server": "pas de serveur",
    "passed": "réussie",
    "failed": "échouée",
    "error": "erreur",
    "advice": "conseil",
    "not checked": "non vérifiée",
    "not applicable": "ne s'applique pas",
    "not run": "non lancée",
    "does not apply": "ne s'applique pas",
    "advice (SHOULD not followed)": "conseil (SHOULD non suivi)",
    "another fault stopped the checks": "une autre erreur a arrêté les vérifications",
    "could not be checked because {reasons}": "n'a pas pu être vérifiée parce que {reasons}",
    "; and because ": " ; et parce que ",
    # -- feedback/<student>.md (tools/grade/writers/feedback.py) ---------------------------------------
    "# Feedback for {student}: step {step}": "# Retour pour {student} : étape {step}",
    "**Score: {score} / {max_score}** ({percent} %)": "**Note : {score} / {max_score}** ({percent} %)",
    "**Your server did not start**, so none of its behaviour could be checked and every "
    "clause below scores zero. This is not about wrong answers: the program stopped (or never "
    "listened on its port) before any client could connect. Fix the error below first: run "
    "`python server.py` yourself and read the first error it prints.":
        "**Votre serveur n'a pas démarré** : aucun de ses comportements n'a pu être vérifié et chaque"
        " clause ci-dessous vaut zéro. Il ne s'agit pas de mauvaises réponses : le programme s'est"
        " arrêté (ou n'a jamais écouté sur son port) avant qu'un client puisse se connecter. Corrigez"
        " d'abord l'erreur ci-dessous : lancez vous-même `python server.py` et lisez la première"
        " erreur affichée.",
    "**Grading was stopped** because checking your server took longer than the time allowed. "
    "It probably got stuck (an endless loop, for instance on an empty `recv()` when a client "
    "leaves) or stopped answering. What could not be checked scores zero.":
        "**La correction a été arrêtée** : vérifier votre serveur a pris plus que le temps permis."
        " Il s'est sans doute bloqué (une boucle sans fin, par exemple sur un `recv()` vide quand un"
        " client part) ou a cessé de répondre. Ce qui n'a pas pu être vérifié vaut zéro.",
    "**The grader itself failed** on your submission. This is not your fault: tell your "
    "teacher, who will grade it again.":
        "**Le correcteur lui-même a échoué** sur votre rendu. Ce n'est pas de votre faute :"
        " prévenez votre enseignant, qui le corrigera de nouveau.",
    "**No server was found** for this step in your submission folder, so nothing could run.":
        "**Aucun serveur n'a été trouvé** pour cette étape dans votre dossier de rendu : rien n'a "
        "pu être lancé.",
    "**Your server scores zero for this step**: {why}. Check that you handed in the right file "
    "for this step.":
        "**Votre serveur a zéro pour cette étape** : {why}. Vérifiez que vous avez rendu le bon "
        "fichier pour cette étape.",
    "## Not applicable to your server": "## Ne s'applique pas à votre serveur",
    "# Feedback for {student}: steps {steps}": "# Retour pour {student} : étapes {steps}",
    "**Total: {score} / {max_score}** ({percent} %). Your folder's layout: `{layout}`.":
        "**Total : {score} / {max_score}** ({percent} %). Organisation de votre dossier : "
        "`{layout}`.",
    "| step | server | score |": "| étape | serveur | note |",
    "not found": "introuvable",
    "They do not apply to the way your server works, so they count as held: {clauses}.":
        "Elles ne s'appliquent pas à la façon dont votre serveur fonctionne, donc elles comptent"
        " comme respectées : {clauses}.",
    "They do not apply to the way your client works, so they count as held: {clauses}.":
        "Elles ne s'appliquent pas à la façon dont votre client fonctionne, donc elles comptent"
        " comme respectées : {clauses}.",
    "## Advice (worth no points)": "## Conseils (sans points)",
    "SHOULD clauses your server does not follow; they cost nothing: {clauses}.":
        "Clauses SHOULD que votre serveur ne suit pas ; elles ne coûtent rien : {clauses}.",
    "SHOULD clauses your client does not follow; they cost nothing: {clauses}.":
        "Clauses SHOULD que votre client ne suit pas ; elles ne coûtent rien : {clauses}.",
    "(bonus: added to your score, not to its maximum)":
        "(bonus : ajouté à votre note, pas à son maximum)",
    # -- the grading policy (tools/grade/points.py), one line in the report and the feedback -------
    "steps {steps} when graded beside other steps":
        "étapes {steps} quand elles sont corrigées avec d'autres étapes",
    "step {part} worth {points}": "étape {part} : {points} points",
    "Points: {levels} (a clause at 0 is advice); a clause that does not apply counts as held; "
    "bonus, added to the score and not to the maximum: {bonus}, and a client when clients are "
    "not required":
        "Points : {levels} (une clause à 0 est un conseil) ; une clause qui ne s'applique pas "
        "compte comme respectée ; bonus, ajouté à la note et pas au maximum : {bonus}, et le "
        "client quand les clients ne sont pas exigés",
    "**The grader could not grade your submission**: {why}. This is not your fault and it is "
    "not a grade: your teacher's next run grades it again.":
        "**Le correcteur n'a pas pu corriger votre rendu** : {why}. Ce n'est pas de votre faute "
        "et ce n'est pas une note : la prochaine correction de votre enseignant le reprendra.",
    "What the grader saw when starting your server:": "Ce que le correcteur a vu au démarrage de votre serveur :",
    "Reason: {reason}": "Raison : {reason}",
    "Note: {reason}": "Remarque : {reason}",
    "Check `{nodeid}`: **{outcome}**, because the server did not start (see above).":
        "Vérification `{nodeid}` : **{outcome}**, car le serveur n'a pas démarré (voir plus haut).",
    "Check `{nodeid}`: **{outcome}**, because the client did not start (see above).":
        "Vérification `{nodeid}` : **{outcome}**, car le client n'a pas démarré (voir plus haut).",
    # -- limits that cannot hold for this user on this machine (tools/grade/cgroups.py) ----------
    "warning: {line}": "attention : {line}",
    "--mem {mem} holds per process only (address-space rlimit), not for a student's processes "
    "together: no cgroup here":
        "--mem {mem} ne vaut que par processus (limite d'espace d'adressage), pas pour l'ensemble "
        "des processus d'un étudiant : pas de cgroup ici",
    "--disk {disk} holds for the copy of the folder only (its size is checked): what the running "
    "code writes is bounded per file (--fsize), not in total: no tmpfs without root":
        "--disk {disk} ne vaut que pour la copie du dossier (sa taille est vérifiée) : ce qu'écrit "
        "le code pendant qu'il tourne est borné par fichier (--fsize), pas au total : pas de tmpfs "
        "sans root",
    # -- what the grader refused to read or copy of a folder (tools/grade/submissions.py) ---------
    "the grader refused part of your folder: {causes}":
        "le correcteur a refusé une partie de votre dossier : {causes}",
    "not regular files (named pipes, devices or sockets), not copied: {names}":
        "des fichiers spéciaux (tubes nommés, périphériques ou sockets), non copiés : {names}",
    "folders deeper than {depth} levels, not copied: {names}":
        "des dossiers à plus de {depth} niveaux de profondeur, non copiés : {names}",
    "files over the {limit} size limit, not copied: {names}":
        "des fichiers au-delà de la taille limite de {limit}, non copiés : {names}",
    "files beyond the {limit} disk limit of the whole submission, not copied: {names}":
        "des fichiers au-delà de la limite disque de {limit} pour tout le rendu, non copiés : {names}",
    "files or folders the grader cannot read, not copied: {names}":
        "des fichiers ou dossiers que le correcteur ne peut pas lire, non copiés : {names}",
    "more than {count} files and folders, the rest not copied: {names}":
        "plus de {count} fichiers et dossiers, le reste non copié : {names}",
    "paths longer than {length} bytes, not copied: {names}":
        "des chemins de plus de {length} octets, non copiés : {names}",
    "Check `{nodeid}`: **{outcome}**, for the same reason as `{first}` above.":
        "Vérification `{nodeid}` : **{outcome}**, pour la même raison que `{first}` plus haut.",
    "## What to fix ({count} clause)": "## À corriger ({count} clause)",
    "## What to fix ({count} clauses)": "## À corriger ({count} clauses)",
    "### {clause} [{level}]: {status}, {points} / {max_points} points":
        "### {clause} [{level}] : {status}, {points} / {max_points} points",
    "The rule ({spec}):": "La règle ({spec}) :",
    "No check of this clause ran for your server.": "Aucune vérification de cette clause n'a tourné sur votre serveur.",
    "This is a SHOULD clause: your server works without it, but does not follow "
    "the advice, so the clause earns none of its points.":
        "C'est une clause SHOULD : votre serveur fonctionne sans elle, mais ne suit pas le conseil,"
        " donc la clause ne rapporte aucun de ses points.",
    "Check `{nodeid}`: **{outcome}**.": "Vérification `{nodeid}` : **{outcome}**.",
    "What went wrong:": "Ce qui n'a pas marché :",
    "The conversation (`C>` the grader, `S>` your server):":
        "La conversation (`C>` le correcteur, `S>` votre serveur) :",
    "What your server printed (its error output shows a crash's traceback):":
        "Ce que votre serveur a affiché (sa sortie d'erreur montre la trace d'un plantage) :",
    "## Not checked ({count} clause)": "## Non vérifiée ({count} clause)",
    "## Not checked ({count} clauses)": "## Non vérifiées ({count} clauses)",
    "These clauses score zero because another fault kept the grader from "
    "checking them: your server has not shown that it follows them. Fix the fault "
    "named here and they will be checked next time.":
        "Ces clauses valent zéro parce qu'une autre erreur a empêché le correcteur de les vérifier :"
        " votre serveur n'a pas montré qu'il les respecte. Corrigez l'erreur nommée ici et elles"
        " seront vérifiées la prochaine fois.",
    "This clause {why}.": "Cette clause {why}.",
    "## What works": "## Ce qui marche",
    "{clause} [{level}]: {status}, {points} / {max_points} points":
        "{clause} [{level}] : {status}, {points} / {max_points} points",
    # -- report.html (tools/grade/writers/html_report.py) ----------------------------------------------
    "n/a: does not apply (in neither score nor maximum)":
        "n/a : ne s'applique pas (ni dans la note ni dans le maximum)",
    "The average and the class summary count the {ran} servers that ran.":
        "La moyenne et le bilan de la classe comptent les {ran} serveurs qui ont tourné.",
    "advice: SHOULD not followed (0 points)": "conseil : SHOULD non suivi (0 point)",
    "not checked: another fault came first (0 points)": "non vérifiée : une autre erreur est venue avant (0 point)",
    "not run (or server did not start)": "non lancée (ou serveur non démarré)",
    "student": "étudiant",
    "status": "état",
    "total": "total",
    "step {n}": "étape {n}",
    "Message": "Message",
    "Transcript": "Transcription",
    "Server stderr/stdout": "Sorties du serveur (stderr/stdout)",
    "CanaDuck grades, step {step}": "Notes CanaDuck, étape {step}",
    "CanaDuck grades: step {step}": "Notes CanaDuck : étape {step}",
    "{count} submissions, class average {mean} %, {not_started} did not run. Generated {generated}.":
        "{count} rendus, moyenne de la classe {mean} %, {not_started} non lancés. Généré le {generated}.",
    "Click a header to sort, a cell to see what the suite saw.":
        "Cliquez sur un en-tête pour trier, sur une case pour voir ce que la suite a vu.",
    "Students × clauses": "Étudiants × clauses",
    "Class summary: clauses most students lose": "Bilan de la classe : les clauses que le plus d'étudiants perdent",
    "clause": "clause",
    "students losing it": "étudiants qui la perdent",
    "text": "texte",
    "Close": "Fermer",
    # -- the grader, for the students' clients (tools/grade/writers/) ----------------------------------
    "no client": "pas de client",
    "step {step}": "étape {step}",
    "missing": "absente",
    "{part}: {status}": "{part} : {status}",
    "{clause}: {words}": "{clause} : {words}",
    "step {step}: no result (the grading step did not run or found no {role} for step {step})":
        "étape {step} : pas de résultat (l'étape de correction n'a pas tourné, ou n'a rien trouvé "
        "pour l'étape {step} : {role})",
    "the language of what it says (the student's)": "la langue de ce qu'il dit (celle de l'étudiant)",
    "client": "client",
    "clients": "clients",
    "**No client was found** for this step in your submission folder.":
        "**Aucun client n'a été trouvé** pour cette étape dans votre dossier de rendu.",
    "It does not count in your grade: only the clients handed in are graded.":
        "Cela ne compte pas dans votre note : seuls les clients rendus sont notés.",
    "**Your client did not start**, so none of its behaviour could be checked and every "
    "clause below scores zero. This is not about wrong behaviour: the program stopped before "
    "it talked to the server. Fix the error below first: run `python client.py` yourself "
    "and read the first error it prints.":
        "**Votre client n'a pas démarré** : aucun de ses comportements n'a pu être vérifié et "
        "chaque clause ci-dessous vaut zéro. Ce n'est pas une question de mauvais comportement : "
        "le programme s'est arrêté avant de parler au serveur. Corrigez d'abord l'erreur "
        "ci-dessous : lancez vous-même `python client.py` et lisez la première erreur affichée.",
    "**Grading was stopped** because checking your client took longer than the time allowed. "
    "It probably got stuck (waiting for a reply that never comes, or after the server "
    "closed). What could not be checked scores zero.":
        "**La correction a été arrêtée** car la vérification de votre client a dépassé le temps "
        "accordé. Il est sans doute resté bloqué (à attendre une réponse qui ne vient pas, ou "
        "après la fermeture par le serveur). Ce qui n'a pas pu être vérifié vaut zéro.",
    "What the grader saw when starting your client:":
        "Ce que le correcteur a vu au démarrage de votre client :",
    "No check of this clause ran for your client.":
        "Aucune vérification de cette clause n'a tourné sur votre client.",
    "This is a SHOULD clause: your client works without it, but does not follow "
    "the advice, so the clause earns none of its points.":
        "C'est une clause SHOULD : votre client fonctionne sans elle, mais ne suit pas le "
        "conseil, donc la clause ne rapporte aucun de ses points.",
    "These clauses score zero because another fault kept the grader from "
    "checking them: your client has not shown that it follows them. Fix the fault "
    "named here and they will be checked next time.":
        "Ces clauses valent zéro car une autre erreur a empêché le correcteur de les vérifier : "
        "votre client n'a pas montré qu'il les respecte. Corrigez l'erreur indiquée et elles "
        "seront vérifiées la prochaine fois.",
    "## Not applicable to your client": "## Ne s'applique pas à votre client",
    "The conversation (`C>` your client, `S>` the grader playing the server):":
        "La conversation (`C>` votre client, `S>` le correcteur qui joue le serveur) :",
    "What your client printed (its error output shows a crash's traceback):":
        "Ce que votre client a affiché (sa sortie d'erreur montre la trace d'un plantage) :",
    "# Feedback for {student}: step {step}, client": "# Retour pour {student} : étape {step}, client",
    "The client columns grade each student's client, with the suite playing the "
    "server; {ran} of {count} clients ran, and the total counts them.":
        "Les colonnes client notent le client de chaque étudiant, la suite jouant le serveur ; "
        "{ran} clients sur {count} ont tourné, et le total les compte.",
    # -- checking a client (--client-cmd: conformance/checks/client/test_*.py, client_under_test/session.py) ---
    "client started by the suite (--client-cmd), the suite playing the server":
        "client démarré par l'outil de vérification (--client-cmd), l'outil jouant le serveur",
    "client did not start: {error}": "le client n'a pas démarré : {error}",
    "THE CLIENT DID NOT START: none of the {count} checks could be made.":
        "LE CLIENT N'A PAS DÉMARRÉ : aucune des {count} vérifications n'a pu être faite.",
    "the client did not connect (exited with code {code})":
        "le client ne s'est pas connecté (il s'est terminé avec le code {code})",
    "the client did not connect within {timeout} s": "le client ne s'est pas connecté en {timeout} s",
    "the client sent nothing for the typed line {line} (see CLIENT-1)":
        "le client n'a rien envoyé pour la ligne tapée {line} (voir CLIENT-1)",
    "the client ended (exit code {code}) before sending the typed line {line}":
        "le client s'est terminé (code {code}) avant d'envoyer la ligne tapée {line}",
    "the client ended before sending the typed line {line}":
        "le client s'est terminé avant d'envoyer la ligne tapée {line}",
    "the client does not print a reply sent whole (see CLIENT-2)":
        "le client n'affiche pas une réponse envoyée d'un seul bloc (voir CLIENT-2)",
    "the client sent no greeting (see CLIENT-7)": "le client n'a envoyé aucune salutation (voir CLIENT-7)",
    "one message for the typed line {line}: {data} ({rule})":
        "un message pour la ligne tapée {line} : {data} ({rule})",
    "the text then '\\n'": "le texte puis '\\n'",
    "the text alone, nothing added": "le texte seul, rien d'ajouté",
    "nothing within {timeout} s": "rien en {timeout} s",
    "a greeting (one non-empty message) as soon as the client is connected, nothing typed":
        "une salutation (un message non vide) dès que le client est connecté, sans rien taper",
    "the reply {reply} printed on one line": "la réponse {reply} affichée sur une ligne",
    "not on any line of the client's standard output within {timeout} s: {tail}":
        "sur aucune ligne de la sortie standard du client en {timeout} s : {tail}",
    "the reply {reply}, sent in two pieces, printed whole on one line":
        "la réponse {reply}, envoyée en deux morceaux, affichée entière sur une ligne",
    "a reply of 1024 bytes (multi-byte characters, SIZE-1) printed whole on one line":
        "une réponse de 1024 octets (caractères multi-octets, SIZE-1) affichée entière sur une ligne",
    "the client ended without sending it": "le client s'est terminé sans l'envoyer",
    "after {word} the client ends on its own: exit code 0, no traceback, no other line typed":
        "après {word} le client se termine de lui-même : code de sortie 0, pas de trace d'erreur (traceback), sans autre"
        " ligne tapée",
    "once the server has closed the connection the client ends (at the latest after the next typed line):"
    " exit code 0, no traceback, no flood":
        "une fois la connexion fermée par le serveur, le client se termine (au plus tard après la ligne"
        " tapée suivante) : code de sortie 0, pas de trace d'erreur (traceback), sans inonder la sortie standard",
    "a clear message, a non-zero exit code, no traceback":
        "un message clair, un code de sortie non nul, pas de trace d'erreur (traceback)",
    "after the operator's reply 'fin' the client ends on its own: exit code 0, no traceback, no other line typed":
        "après la réponse 'fin' de l'opérateur, le client se termine de lui-même : code de sortie 0, pas de"
        " traceback, sans autre ligne tapée",
    "still running {timeout} s later": "toujours en marche {timeout} s après",
    "exit code {code}": "code de sortie {code}",
    "exit code 0": "code de sortie 0",
    "a traceback": "une trace d'erreur (traceback)",
    "a flood of output": "un déluge de lignes sur la sortie standard",
    "no message": "aucun message",
    # -- the student's command line (conformance/cli.py) -----------------------------------------------
    """usage: canaduck COMMAND ...

  canaduck check server.py --step N     check your server (started from the current folder)
  canaduck check --client client.py --step N   check your client (the tool plays the server)
  canaduck check --target HOST:PORT --step N   check a server that is already running
  canaduck spec ID... | --step N        print clauses of the spec

canaduck check --help: the options and the exit codes.""": """usage : canaduck COMMANDE ...

  canaduck check server.py --step N     vérifier votre serveur (démarré depuis le dossier courant)
  canaduck check --client client.py --step N   vérifier votre client (l'outil joue le serveur)
  canaduck check --target HÔTE:PORT --step N   vérifier un serveur déjà lancé
  canaduck spec ID... | --step N        afficher des clauses de la spécification

canaduck check --help : les options et les codes de sortie.""",
    """usage: canaduck check [server.py] --step N [options] [pytest options]

What to check (one of):
  server.py                 your server's file, started by the tool in the current folder
  --client client.py        your client's file; the tool plays the server
  --target HOST:PORT        a server already running (a classmate's): the last checks
                            (ROBUST-*) may crash or freeze it; --gentle leaves them out
  --server-cmd "CMD"        the command that starts your server ({port} is replaced)
Options:
  --step N                  the step your program implements (1 to 8); required
  --framing raw|line        the framing (default: detected)
  --lang en|fr              the language of the report (default: your system's)
  --results-json FILE       also write the results as JSON
  -v                        pytest's full report instead of the short one
  -x, -k CMD-5, -n 4        pytest options work too (-x stops at the first failure)
Exit codes:
  0 every clause checked holds      1 a clause is broken
  2 interrupted (Ctrl-C)            3 nothing listening at --target
  4 usage error                     6 your program did not start
  7 partial verdict (checks not run, or the run stopped early)""": """usage : canaduck check [server.py] --step N [options] [options de pytest]

Quoi vérifier (l'un de) :
  server.py                 le fichier de votre serveur, démarré par l'outil dans le dossier courant
  --client client.py        le fichier de votre client ; l'outil joue le serveur
  --target HÔTE:PORT        un serveur déjà lancé (celui d'un camarade) : les dernières vérifications
                            (ROBUST-*) peuvent le planter ou le bloquer ; --gentle les laisse de côté
  --server-cmd "CMD"        la commande qui démarre votre serveur ({port} est remplacé)
Options :
  --step N                  l'étape que réalise votre programme (1 à 8) ; obligatoire
  --framing raw|line        le cadrage : brut (raw) ou par ligne (line) (par défaut : détecté)
  --lang en|fr              la langue du rapport (par défaut : celle de votre système)
  --results-json FICHIER    écrire aussi les résultats en JSON
  -v                        le rapport complet de pytest au lieu du rapport court
  -x, -k CMD-5, -n 4        les options de pytest marchent aussi (-x s'arrête au premier échec)
Codes de sortie :
  0 toutes les clauses vérifiées sont respectées   1 une clause n'est pas respectée
  2 interrompu (Ctrl-C)                            3 rien n'écoute à l'adresse de --target
  4 erreur d'utilisation                           6 votre programme n'a pas démarré
  7 verdict partiel (vérifications non lancées, ou arrêt avant la fin)""",
    "canaduck check: {path}: no such file (run canaduck from your server's folder)":
        "canaduck check : {path} : fichier introuvable (lancez canaduck depuis le dossier de votre serveur)",
    "canaduck check: {path}: no such file (run canaduck from your client's folder)":
        "canaduck check : {path} : fichier introuvable (lancez canaduck depuis le dossier de votre client)",
    "canaduck check: say what to check: a file (canaduck check server.py --step 2), a running"
    " server (canaduck check --target 127.0.0.1:63000 --step 2) or a client (canaduck check"
    " --client client.py --step 2). canaduck check --help: the options.":
        "canaduck check : dites quoi vérifier : un fichier (canaduck check server.py --step 2), un serveur"
        " déjà lancé (canaduck check --target 127.0.0.1:63000 --step 2) ou un client (canaduck check"
        " --client client.py --step 2). canaduck check --help : les options.",
    "--target: the last checks (ROBUST-*) may crash or freeze this server; --gentle leaves them out.":
        "--target : les dernières vérifications (ROBUST-*) peuvent planter ou bloquer ce serveur ;"
        " --gentle les laisse de côté.",
    "canaduck: unknown command {command}": "canaduck : commande inconnue {command}",
    # -- canaduck check's short report (conformance/core/short_report.py) --------------------------------
    "your server crashed: {where} ({error})": "votre serveur a planté : {where} ({error})",
    " line ": " ligne ",
    "your server does not do what {clause} asks": "votre serveur ne fait pas ce que demande {clause}",
    "your server sent nothing back: print instead of send?":
        "votre serveur n'a rien renvoyé : print au lieu de send ?",
    "your server does not send back the text it received, unchanged":
        "votre serveur ne renvoie pas, sans le modifier, le texte reçu",
    "your server changes accented characters: decode and encode in UTF-8":
        "votre serveur abîme les caractères accentués : décodez et encodez en UTF-8",
    "your server cuts or merges long messages: one recv(1024) per message":
        "votre serveur coupe ou fusionne les longs messages : un recv(1024) par message",
    "your server does not answer once, and only once, per message":
        "votre serveur ne répond pas une fois, et une seule, à chaque message",
    "your server stops answering after the first message: recv and send in a loop?":
        "votre serveur ne répond plus après le premier message : recv et send dans une boucle ?",
    "your server does not end the session on 'fin'": "votre serveur ne termine pas la session sur 'fin'",
    "your server ends the session on a message that merely contains 'fin' (msg == 'fin'?)":
        "votre serveur termine la session sur un message qui contient 'fin' sans être 'fin' (msg == 'fin' ?)",
    "your server stops after its first client: a loop around accept()?":
        "votre serveur s'arrête après son premier client : une boucle autour de accept() ?",
    "your server does not serve every client that connects":
        "votre serveur ne sert pas chaque client qui se connecte",
    "your server does not close a connection the client closed: it loops on an empty recv()":
        "votre serveur ne ferme pas une connexion que le client a fermée : il boucle sur un recv() vide",
    "a client that disappears (RST) stops your server: catch ConnectionResetError":
        "un client qui disparaît (RST) arrête votre serveur : interceptez ConnectionResetError",
    "bytes that are not UTF-8 stop your server: decode(errors='replace')?":
        "des octets qui ne sont pas de l'UTF-8 arrêtent votre serveur : decode(errors='replace') ?",
    "a long message stops your server": "un long message arrête votre serveur",
    "your server's result is wrong": "le résultat de votre serveur est faux",
    "a division by zero gets no error reply from your server":
        "une division par zéro n'obtient pas de réponse d'erreur de votre serveur",
    "a malformed calculation gets no error reply from your server":
        "un calcul mal formé n'obtient pas de réponse d'erreur de votre serveur",
    "your server runs what the client sends (eval?): compute only arithmetic":
        "votre serveur exécute ce que le client envoie (eval ?) : ne calculez que de l'arithmétique",
    "a huge calculation freezes your server: refuse it before computing":
        "un calcul énorme bloque votre serveur : refusez-le avant de le calculer",
    "your server serves one client at a time: a thread per client?":
        "votre serveur ne sert qu'un client à la fois : un thread par client ?",
    "division by zero": "division par zéro",
    "not in the grammar": "hors de la grammaire",
    "not arithmetic": "pas arithmétique",
    "your client crashed: {where} ({error})": "votre client a planté : {where} ({error})",
    "your client does not do what {clause} asks": "votre client ne fait pas ce que demande {clause}",
    "your client does not send the typed line as one message":
        "votre client n'envoie pas la ligne tapée en un seul message",
    "your client does not print the server's reply on a line":
        "votre client n'affiche pas la réponse du serveur sur une ligne",
    "your client does not print a long reply whole: one recv(1024) per reply":
        "votre client n'affiche pas entière une longue réponse : un recv(1024) par réponse",
    "your client does not end after 'fin'": "votre client ne se termine pas après 'fin'",
    "your client does not end when the server closes the connection: if not reply: break?":
        "votre client ne se termine pas quand le serveur ferme la connexion : if not reponse: break ?",
    "with no server listening, your client crashes or says nothing: catch ConnectionRefusedError":
        "sans serveur à l'écoute, votre client plante ou ne dit rien : interceptez ConnectionRefusedError",
    "your client does not send its greeting first": "votre client n'envoie pas d'abord sa salutation",
    "(+{count} chars)": "(+{count} car.)",
    "{broken}: {clause}": "{broken} : {clause}",
    "{target}; step {steps}; framing: {framing}": "{target} ; étape {steps} ; cadrage : {framing}",
    "  ... {count} earlier lines (-v shows them)": "  ... {count} lignes avant (-v les montre)",
    "YOUR SERVER DID NOT START: nothing could be checked.":
        "VOTRE SERVEUR N'A PAS DÉMARRÉ : rien n'a pu être vérifié.",
    "YOUR CLIENT DID NOT START: nothing could be checked.":
        "VOTRE CLIENT N'A PAS DÉMARRÉ : rien n'a pu être vérifié.",
    "Run it yourself (python server.py) and read the first error it prints.":
        "Lancez-le vous-même (python server.py) et lisez la première erreur affichée.",
    "Run it yourself (python client.py) and read the first error it prints.":
        "Lancez-le vous-même (python client.py) et lisez la première erreur affichée.",
    "Full detail: the same command with -v. A clause's text: canaduck spec {clause}.":
        "Tout le détail : la même commande avec -v. Le texte d'une clause : canaduck spec {clause}.",
    "no clause {clause} in {spec}": "pas de clause {clause} dans {spec}",
    "Step {step}: the clauses that apply": "Étape {step} : les clauses qui s'appliquent",
    "Step {step}: the clauses that apply to the client": "Étape {step} : les clauses qui s'appliquent au client",
    # -- transcripts' events and labels (server_under_test/connection.py, checks) ---------------------
    "client sent EOF (shutdown SHUT_WR)": "le client a fermé son côté : fin de fichier (EOF, shutdown SHUT_WR)",
    "client reset the connection (RST)": "le client a réinitialisé la connexion (RST)",
    "server closed the connection (EOF)": "le serveur a fermé la connexion (fin de fichier, EOF)",
    "client closed the connection": "le client a fermé la connexion",
    "connection reset by the server": "connexion réinitialisée (RST) par le serveur",
    "connection refused": "connexion refusée",
    "framing not known yet": "cadrage encore inconnu",
    "no terminator: framing probe": "sans terminateur : test du cadrage",
    "no terminator: framing check": "sans terminateur : vérification du cadrage",
    "line terminator": "fin de ligne",
    "last message": "dernier message",
    "not UTF-8": "pas de l'UTF-8",
    "unprompted": "sans avoir rien demandé",
    "the machine was too busy to judge the start": "la machine était trop occupée pour juger le démarrage",
    "of them waiting for the machine": "à attendre la machine",
    "mismatch": "ne correspond pas",
    "timeout": "délai dépassé",
    "eof": "fin de fichier (EOF)",
    "reset": "réinitialisée (RST)",
    "overflow": "trop long",
    "no reply to the first message: it may rightly get none; sending the next one bare":
        "pas de réponse au premier message : il peut à bon droit n'en recevoir aucune ; envoi du suivant sans terminateur",
    "a reply came only after the '\\n': checking the line framing with one more message sent bare (a raw-framing server answers it at once)":
        "une réponse n'est venue qu'après le '\\n' : vérification du cadrage par ligne avec un message de plus"
        " envoyé sans terminateur (un serveur en cadrage brut y répond tout de suite)",
    "no reply without '\\n': line framing confirmed": "pas de réponse sans '\\n' : cadrage par ligne confirmé",
    "answered without '\\n': raw framing; the first message had no reply":
        "réponse sans '\\n' : cadrage brut ; le premier message n'a pas eu de réponse",
    "new client": "nouveau client",
    "first client": "premier client",
    "client sending invalid UTF-8": "client qui envoie de l'UTF-8 invalide",
    "nc-style client (sends a newline)": "client à la manière de nc (envoie une fin de ligne)",
    "new client, after the invalid bytes": "nouveau client, après les octets invalides",
    "'fin' followed by a newline, as nc sends it": "'fin' suivi d'une fin de ligne, comme nc l'envoie",
    "client that closes without 'fin'": "client qui ferme sans envoyer 'fin'",
    "client that resets mid-session": "client qui réinitialise (RST) la connexion en pleine session",
    "client that resets right after connecting": "client qui réinitialise (RST) la connexion juste après s'être connecté",
    "client sending 3000 bytes at once": "client qui envoie 3000 octets d'un coup",
    "idle client (sends nothing)": "client inactif (n'envoie rien)",
    "second client, while the idle one is connected": "deuxième client, pendant que le client inactif est connecté",
    "second client, after the first one said goodbye": "deuxième client, après le départ du premier",
    "client A (stores)": "client A (enregistre)",
    "client B (finds)": "client B (cherche)",
    "'fin' ended by \\r\\n": "'fin' terminé par \\r\\n",
    "pseudo ended by \\r\\n": "pseudo terminé par \\r\\n",
    "line ended by \\r\\n": "ligne terminée par \\r\\n",
    "liveness, before a check that may crash or freeze the server":
        "le serveur répond-il encore ? (avant une vérification qui peut le planter ou le bloquer)",
    "a connection accepted by the server": "une connexion acceptée par le serveur",
    "a connection accepted by the (freshly restarted) server": "une connexion acceptée par le serveur (tout juste redémarré)",
    "the shared server stopped listening before accepting this connection":
        "le serveur partagé a cessé d'écouter avant d'accepter cette connexion",
    "the shared server, which served earlier clients, no longer takes new ones (see SEQ-1): stopped and restarted":
        "le serveur partagé, qui a servi des clients, n'en accepte plus de nouveaux (voir SEQ-1) : arrêté et redémarré",
    "this server does not answer a session's first message (see TURN-1): sending one first":
        "ce serveur ne répond pas au premier message d'une session (voir TURN-1) : envoi d'un premier message d'abord",
    "after a late reply to the message before": "après une réponse tardive au message précédent",
    "server paused (SIGSTOP): it reads the message only once the reset has arrived":
        "serveur mis en pause (SIGSTOP) : il ne lit le message qu'une fois la réinitialisation (RST) arrivée",
    "server continued (SIGCONT)": "le serveur a repris (SIGCONT)",
    "no reply yet in either framing: trying the step's other messages":
        "toujours aucune réponse, dans aucun des deux cadrages : essai des autres messages de l'étape",
    "the first message got no reply: does the next one of its kind get one?":
        "le premier message n'a pas eu de réponse : le suivant du même genre en reçoit-il une ?",
    "the first connection was skipped: does the server serve the next one?":
        "la première connexion a été sautée : le serveur sert-il la suivante ?",
    "first connection, which this server drops (see SEQ-2)": "première connexion, que ce serveur abandonne (voir SEQ-2)",
    "the server sent more than 64 KiB before the client said anything":
        "le serveur a envoyé plus de 64 Kio avant que le client ait rien dit",
    "the first connection got no reply, while a second one, opened as it waited, was served: the server skipped an accepted connection":
        "la première connexion n'a pas eu de réponse alors qu'une deuxième, ouverte pendant qu'elle attendait, a été"
        " servie : le serveur a sauté une connexion acceptée",
    "the operator needs a server started by the suite": "l'opérateur a besoin d'un serveur démarré par l'outil de vérification",
    "spec 7.8: a step-8 server answers /find and /get, which the handout does not ask for":
        "spécification 7.8 : un serveur d'étape 8 répond à /find et /get, ce que l'énoncé ne demande pas",
    "positions separated by single spaces": "des positions séparées par une seule espace",
    "the scenario ended before this exchange": "le scénario s'est arrêté avant cet échange",
    "the connection was gone before 'x\\r\\n' could be sent": "la connexion était déjà fermée avant l'envoi de 'x\\r\\n'",
    # -- what a reply was (core/wire.py) -----------------------------------------------------------
    "any reply": "une réponse quelconque",
    "an error reply (text beginning with 'Erreur')": "une réponse d'erreur (texte commençant par 'Erreur')",
    "no reply": "aucune réponse",
    "no reply within the reply timeout": "aucune réponse dans le délai de réponse",
    "the server closed the connection without replying": "le serveur a fermé la connexion sans répondre",
    "the connection was reset without a reply": "la connexion a été réinitialisée (RST) sans réponse",
    "a non-empty reply": "une réponse non vide",
    "a reply to '100+23'": "une réponse à '100+23'",
    "any reply to the pseudo, or none (CMD-1's business)": "une réponse au pseudo, ou aucune (cela regarde CMD-1)",
    "a reply to /help": "une réponse à /help",
    "a reply to /bye, /all and /help having got none (CMD-3's, CMD-6's business)":
        "une réponse à /bye, /all et /help n'en ayant reçu aucune (cela regarde CMD-3 et CMD-6)",
    "positions (or '0') for /find": "des positions (ou '0') pour /find",
    # -- what checks expected and saw (checks/server/test_*.py) --------------------------------------
    "an error reply (or the connection closed)": "une réponse d'erreur (ou la connexion fermée)",
    "'fin\\n' treated as 'fin' (the connection closed)": "'fin\\n' traité comme 'fin' (la connexion fermée)",
    "'/count' gets the number of entries (at least 1)": "'/count' donne le nombre d'entrées (au moins 1)",
    "an error reply to the unknown command '/danse'": "une réponse d'erreur à la commande inconnue '/danse'",
    "line framing: FRAME-4 is about raw framing": "cadrage par ligne : FRAME-4 concerne le cadrage brut",
    "a number": "un nombre",
    "the divisions by zero": "les divisions par zéro",
    "the malformed expressions": "les expressions mal formées",
    "not in the server's output (see below)": "absente de la sortie du serveur (voir plus bas)",
    "after the client's 'fin' the server closes (without waiting for the operator)":
        "après le 'fin' du client, le serveur ferme la connexion (sans attendre l'opérateur)",
    "'* <pseudo> applaudit'": "'* <pseudo> applaudit'",
    "'À bientôt <pseudo> !' (or '... <pseudo>!')": "'À bientôt <pseudo> !' (ou '... <pseudo>!')",
    "no reply in the format of CMD-2 to CMD-4 to read the pseudo from (see those clauses)":
        "aucune réponse au format de CMD-2 à CMD-4 où lire le pseudo (voir ces clauses)",
    "one reply naming /all, /me, /bye and /help": "une réponse qui cite /all, /me, /bye et /help",
    "a reply carrying the whole 1024-byte message ('€'*341 + 'a')":
        "une réponse qui rend le message entier de 1024 octets ('€'*341 + 'a')",
    "the next message 'suite' gets its own reply (the 1024 bytes were one message)":
        "le message suivant 'suite' reçoit sa propre réponse (les 1024 octets formaient un seul message)",
    "a reply to the first message of a session": "une réponse au premier message d'une session",
    "no reply to the first message of a session; later messages are answered (framing detection above)":
        "aucune réponse au premier message d'une session ; les messages suivants ont une réponse (détection du"
        " cadrage ci-dessus)",
    "a reply to the first message, either right away (raw framing) or after '\\n' (line framing)":
        "une réponse au premier message, soit tout de suite (cadrage brut), soit après '\\n' (cadrage par ligne)",
    "'x\\r\\n' carries the text 'x': its echo is 'x' without a '\\r'":
        "'x\\r\\n' porte le texte 'x' : son écho est 'x', sans '\\r'",
    "raw framing: FRAME-3 is about line framing": "cadrage brut : FRAME-3 concerne le cadrage par ligne",
    "'fin\\r\\n' is the message 'fin': the server closes the connection":
        "'fin\\r\\n' est le message 'fin' : le serveur ferme la connexion",
    "the connection was gone before 'fin\\r\\n' could be sent": "la connexion était déjà fermée avant l'envoi de 'fin\\r\\n'",
    "still open": "toujours ouverte",
    "another client is served while an idle client is connected":
        "un autre client est servi pendant qu'un client inactif est connecté",
    "a client closed without 'fin'": "un client a fermé sans envoyer 'fin'",
    "two clients reset their connections (TCP RST)": "deux clients ont réinitialisé leur connexion (RST)",
    "a client sent bytes that are not UTF-8": "un client a envoyé des octets qui ne sont pas de l'UTF-8",
    "a client sent 3000 bytes in one message": "un client a envoyé 3000 octets en un seul message",
    "on the client's EOF the server closes that connection":
        "quand le client ferme son côté (fin de fichier, EOF), le serveur ferme cette connexion",
    "the server exited (code 0) after the client's goodbye: see SEQ-1":
        "le serveur s'est terminé (code 0) après le départ du client : voir SEQ-1",
    "a flood of bytes": "un déluge d'octets",
    "after 'fin', the server closes the connection": "après 'fin', le serveur ferme la connexion",
    "after 'fin' (and at most one last message) the server closes":
        "après 'fin' (et au plus un dernier message), le serveur ferme la connexion",
    "a second client is served after the first one's session ended":
        "un deuxième client est servi une fois la session du premier terminée",
    "the first client is served (or waits its turn) before a later one is served":
        "le premier client est servi (ou attend son tour) avant qu'un client arrivé après lui soit servi",
    "the connection was gone before 'fin' could be sent": "la connexion était déjà fermée avant l'envoi de 'fin'",
    "/find does not find it": "/find ne le trouve pas",
    "'0' for a text that was never stored": "'0' pour un texte jamais enregistré",
    "an error reply for a position not in the list": "une réponse d'erreur pour une position absente de la liste",
    "/find answers '0' (not in the list client B sees)": "/find répond '0' (absent de la liste que voit le client B)",
    # -- a client under test ------------------------------------------------------------------------
    "the client closed the connection": "le client a fermé la connexion",
    "the suite (the server) closed the connection": "l'outil de vérification (le serveur) a fermé la connexion",
    "the client connected": "le client s'est connecté",
    "the connection was reset by the client": "la connexion a été réinitialisée (RST) par le client",
    "stopped by the suite": "arrêté par l'outil de vérification",
    "still running": "toujours en marche",
    "the client no longer reads its standard input": "le client ne lit plus son entrée standard",
    "first piece, cut inside a character": "premier morceau, coupé au milieu d'un caractère",
    "the rest of the reply": "le reste de la réponse",
    "one reply of 1024 bytes, in one send()": "une réponse de 1024 octets, en un seul send()",
    # -- the server's output in a failure (core/processes.py) ----------------------------------------
    "server stdout:": "sortie standard du serveur (stdout) :",
    "server stderr:": "sortie d'erreur du serveur (stderr) :",
    "client stdout:": "sortie standard du client (stdout) :",
    "client stderr:": "sortie d'erreur du client (stderr) :",
    "(empty)": "(vide)",
    "raw": "brut (raw)",
    "line": "par ligne (line)",
    "server": "le serveur",
}

# Texts the code builds with f-strings (``f"after {after}, a new client is served"``), quoted bytes
# and numbers inside: ``messages.translate_text`` matches the English text against these patterns
# and translates each field in turn (a field may be a message itself). Placeholder names are free;
# the test suite checks that every pattern is a text the code still builds.
FRENCH_PATTERNS: Dict[str, str] = {
    # -- transcripts (core/transcript.py, server_under_test/connection.py) -----------------------
    "transcript {label}:": "échanges ({label}) :",
    "    ... {count} entries left out ...": "    ... {count} lignes omises ...",
    "... ({count} chars)": "... ({count} caractères)",
    "connected to {host}:{port}": "connecté à {host}:{port}",
    "connect to {host}:{port} failed: {reason}": "connexion à {host}:{port} impossible : {reason}",
    "cannot connect to {host}:{port}: {reason}": "impossible de se connecter à {host}:{port} : {reason}",
    "cannot resolve {host}: {problem}": "impossible de résoudre {host} : {problem}",
    "send failed: {error}": "échec de l'envoi : {error}",
    "receive failed: {error}": "échec de la réception : {error}",
    "connection still open after {seconds} s": "connexion toujours ouverte après {seconds} s",
    "the connection still open after {seconds} s": "la connexion toujours ouverte après {seconds} s",
    "no reply within {seconds} s": "aucune réponse en {seconds} s",
    "no reply within the {seconds} s probe window: sending a line terminator":
        "aucune réponse dans les {seconds} s d'attente : envoi d'une fin de ligne ('\\n')",
    "invalid UTF-8 {text} (hex {hex})": "UTF-8 invalide {text} (hexadécimal {hex})",
    "{data}  ({note})": "{data}  ({note})",
    "framing detection (step {step})": "détection du cadrage (étape {step})",
    "step {step} scenario (one connection)": "scénario de l'étape {step} (une seule connexion)",
    "connection {number}": "connexion {number}",
    "{count} clients connected at the same time": "{count} clients connectés en même temps",
    "new client, after {what}": "nouveau client (après ceci : {what})",
    "liveness, after the {checks} check failed":
        "le serveur répond-il encore ? (après l'échec de la vérification {checks})",
    # -- what a reply was (core/wire.py) ---------------------------------------------------------
    "exactly {text}": "exactement {text}",
    "a reply containing {text}": "une réponse contenant {text}",
    "a reply containing the operator's line {line}": "une réponse contenant la ligne de l'opérateur {line}",
    "a reply to storing {text}, or none (STORE-1's business)":
        "une réponse à l'enregistrement de {text}, ou aucune (cela regarde STORE-1)",
    "the value {value}": "la valeur {value}",
    "{reply} (then nothing more until the reply timeout)":
        "{reply} (puis plus rien jusqu'à la fin du délai de réponse)",
    "{reply} (then the server closed the connection)": "{reply} (puis le serveur a fermé la connexion)",
    "{reply} (then the connection was reset)": "{reply} (puis la connexion a été réinitialisée (RST))",
    "{reply} (more than {count} bytes: stopped reading)": "{reply} (plus de {count} octets : lecture arrêtée)",
    "sent {sent} and got {got}": "envoyé {sent}, reçu : {got}",
    "sent {sent} and got {got} (expected {expected})": "envoyé {sent}, reçu : {got} (attendu : {expected})",
    "{why}: {reply}": "{why} : {reply}",
    "the reply to {sent} never ended: {reply}": "la réponse à {sent} ne s'est jamais terminée : {reply}",
    "no reply to {sent} in {framing} framing": "aucune réponse à {sent} avec le cadrage {framing}",
    "no reply to {sent}, neither without terminator (raw framing) nor after '\\n' (line framing)":
        "aucune réponse à {sent}, ni sans terminateur (cadrage brut) ni après '\\n' (cadrage par ligne)",
    "{sent} nor to {other}": "{sent} ni à {other}",
    "no usable reply to {sent}: {reply}": "aucune réponse utilisable à {sent} : {reply}",
    "the server closed the connection after {sent}": "le serveur a fermé la connexion après {sent}",
    "after {sent}: {reply}": "après {sent} : {reply}",
    "server did not start: {error}": "le serveur n'a pas démarré : {error}",
    # -- the server under test (server_under_test/*) ---------------------------------------------
    "the server exited with code {code} before listening": "le serveur s'est terminé avec le code {code} avant d'écouter",
    "the server bound nothing within {seconds} s{own} (expected a listening socket on port {port})":
        "le serveur n'a rien ouvert en {seconds} s{own} (attendu : une socket en écoute sur le port {port})",
    "the server bound nothing within {seconds} s{own} (expected a listening socket on port {port})\n{output}":
        "le serveur n'a rien ouvert en {seconds} s{own} (attendu : une socket en écoute sur le port {port})\n{output}",
    " of its own time ({wall} s of wall time, {machine} s {waiting})":
        " de son propre temps ({wall} s de temps réel, dont {machine} s {waiting})",
    " of its own time ({wall} s of wall time, {machine} s {waiting}; {busy}: {used} s of {total} s waiting for it)":
        " de son propre temps ({wall} s de temps réel, dont {machine} s {waiting} ; {busy} : {used} s sur"
        " {total} s à l'attendre)",
    "the client exited with code {code} before connecting":
        "le client s'est terminé avec le code {code} avant de se connecter",
    "the server exited with code {code} before listening\n{output}":
        "le serveur s'est terminé avec le code {code} avant d'écouter\n{output}",
    "the server no longer serves (see SEQ-1): {why}": "le serveur ne sert plus de clients (voir SEQ-1) : {why}",
    "the server no longer serves after the {checks} check (see {clause}): {why}":
        "le serveur ne sert plus de clients après la vérification {checks} (voir {clause}) : {why}",
    "no framing found (see FRAME-1): {problem}": "aucun cadrage trouvé (voir FRAME-1) : {problem}",
    "the server does not serve every connection (see SEQ-2): {problem}":
        "le serveur ne sert pas chaque connexion (voir SEQ-2) : {problem}",
    "the server no longer accepts connections after serving earlier clients (see SEQ-1): {error}":
        "le serveur n'accepte plus de connexions après avoir servi des clients (voir SEQ-1) : {error}",
    "the server exited (code 0) after its earlier clients (see SEQ-1): {error}":
        "le serveur s'est terminé (code 0) après ses premiers clients (voir SEQ-1) : {error}",
    "the shared server stopped serving (see SEQ-1) and did not restart: {error}":
        "le serveur partagé a cessé de servir (voir SEQ-1) et n'a pas redémarré : {error}",
    "a new client could not connect: {error}": "un nouveau client n'a pas pu se connecter : {error}",
    "the connection ended after storing {text}: {reply}": "la connexion s'est terminée après l'enregistrement de {text} : {reply}",
    "/find did not answer with positions (see STORE-2; {hint}): {reply}":
        "/find n'a pas répondu par des positions (voir STORE-2 ; {hint}) : {reply}",
    "/find's positions are 0-based: {text} is at {position}, /find said {said} (see STORE-2)":
        "les positions de /find commencent à 0 : {text} est à la position {position}, /find a dit {said} (voir STORE-2)",
    "/find does not find {text} right after storing it, on the same connection (see STORE-1, STORE-2)":
        "/find ne trouve pas {text} juste après son enregistrement, sur la même connexion (voir STORE-1, STORE-2)",
    "any reply to {text}": "une réponse quelconque à {text}",
    "sent {sent} and got {seen} (taken for a late reply to the message before), then {reply} (expected {expected})":
        "envoyé {sent}, reçu : {seen} (pris pour une réponse tardive au message précédent), puis {reply}"
        " (attendu : {expected})",
    "the reply differs from {expected} only in its accented letters or emoji (see TEXT-1): {reply}":
        "la réponse ne diffère de {expected} que par ses lettres accentuées ou ses emoji (voir TEXT-1) : {reply}",
    # -- what checks expected and saw (checks/server/test_*.py) ----------------------------------
    "the server stopped serving after the invalid bytes (see ROBUST-3): {why}":
        "le serveur a cessé de servir après les octets invalides (voir ROBUST-3) : {why}",
    "the session went on: the server answered {reply}, then the next message":
        "la session a continué : le serveur a répondu {reply}, puis au message suivant",
    "{seen}; received {data}": "{seen} ; reçu {data}",
    "no reply to storing a message: {reply}": "aucune réponse à l'enregistrement d'un message : {reply}",
    "after {what}, the session goes on: a reply to '1+1'": "après {what}, la session continue : une réponse à '1+1'",
    "after {what}, a new client is served": "{what} : ensuite, un nouveau client est servi",
    "an error reply (beginning with 'Erreur') to {expression} ({clause})":
        "une réponse d'erreur (commençant par 'Erreur') à {expression} ({clause})",
    "an error reply (beginning with 'Erreur') to {expression} (division by zero)":
        "une réponse d'erreur (commençant par 'Erreur') à {expression} (division par zéro)",
    "an error reply (beginning with 'Erreur') to {expression} (not in the grammar)":
        "une réponse d'erreur (commençant par 'Erreur') à {expression} (hors de la grammaire)",
    "{reply}: Python's value of an empty tuple, so an interpreter evaluated it":
        "{reply} : la valeur Python d'un tuple vide, le texte a donc été évalué par un interpréteur",
    "the value {value} for {expression}": "la valeur {value} pour {expression}",
    "an error reply to {expression} within {seconds} s": "une réponse d'erreur à {expression} en {seconds} s",
    "the text {program} is never evaluated": "le texte {program} n'est jamais évalué",
    "{canary} appeared on the server's standard output: it was run by an interpreter":
        "{canary} est apparu sur la sortie standard du serveur : le texte a été exécuté par un interpréteur",
    "a line containing {text} on the server's standard output":
        "une ligne contenant {text} sur la sortie standard du serveur",
    "exactly the operator's line {answer}": "exactement la ligne de l'opérateur {answer}",
    "no reply to 'Bonjour': {reply}": "aucune réponse à 'Bonjour' : {reply}",
    "{seen} (received {data})": "{seen} (reçu {data})",
    "the server closed the connection after the pseudo {pseudo}: {reply}":
        "le serveur a fermé la connexion après le pseudo {pseudo} : {reply}",
    "after {what}, the session goes on: '/all {mark}' gets its reply":
        "après {what}, la session continue : '/all {mark}' reçoit sa réponse",
    "one welcome message (not an error reply) for the pseudo {pseudo}":
        "un message de bienvenue (pas une réponse d'erreur) pour le pseudo {pseudo}",
    "'[<pseudo>] {text}'": "'[<pseudo>] {text}'",
    "the pseudo {pseudo} (the first message) in the reply to {message}":
        "le pseudo {pseudo} (le premier message) dans la réponse à {message}",
    "the pseudo {pseudo} (the first message) in the reply to '/me applaudit'":
        "le pseudo {pseudo} (le premier message) dans la réponse à '/me applaudit'",
    "an error reply to the unknown command {message}": "une réponse d'erreur à la commande inconnue {message}",
    "an error reply to {message} with no text": "une réponse d'erreur à {message} sans texte",
    "{reply} (missing {commands})": "{reply} (il manque {commands})",
    "a reply carrying {text} unchanged": "une réponse qui rend {text} sans le modifier",
    "one reply to {sent}, then nothing for {seconds} s": "une seule réponse à {sent}, puis rien pendant {seconds} s",
    "the reply {text}": "la réponse {text}",
    "no reply to {sent}: {reply}": "aucune réponse à {sent} : {reply}",
    "no reply to {text}, a later message of the session (see SESS-1)":
        "aucune réponse à {text}, un message ultérieur de la session (voir SESS-1)",
    "no reply to {text} nor to {plain}, later messages of the session (see SESS-1)":
        "aucune réponse à {text} ni à {plain}, messages ultérieurs de la session (voir SESS-1)",
    "reply {reply}": "réponse {reply}",
    "reply {reply}, then unprompted {extra}": "réponse {reply}, puis sans rien demander {extra}",
    "/get gives back {text} unchanged": "/get rend {text} sans le modifier",
    "/find does not find the stored text (see STORE-1): {text}":
        "/find ne trouve pas le texte enregistré (voir STORE-1) : {text}",
    "the server closed the connection without replying to the first message: no reply to tell its framing by ({reply})":
        "le serveur a fermé la connexion sans répondre au premier message : aucune réponse d'après laquelle"
        " reconnaître son cadrage ({reply})",
    "{framing} framing: FRAME-3 is about line framing": "cadrage {framing} : FRAME-3 concerne le cadrage par ligne",
    "sent at once: {at_once}; its first {count} bytes {gap} s before the rest: {in_pieces}":
        "envoyée d'un coup : {at_once} ; ses {count} premiers octets {gap} s avant le reste : {in_pieces}",
    "{count} reply(ies)": "{count} réponse(s)",
    "the reply to {sent} ends with '\\n'": "la réponse à {sent} se termine par '\\n'",
    "{reply} with no '\\n'": "{reply} sans '\\n'",
    "{reply} (the '\\r' was kept: the echo ended with '\\r\\n', other replies with '\\n')":
        "{reply} (le '\\r' a été gardé : l'écho se termine par '\\r\\n', les autres réponses par '\\n')",
    "the pseudo sent as '{pseudo}\\r\\n' is {quoted}: a reply like '* {name} danse'":
        "le pseudo envoyé comme '{pseudo}\\r\\n' est {quoted} : une réponse comme '* {name} danse'",
    "the connection was gone before {sent} could be sent": "la connexion était déjà fermée avant l'envoi de {sent}",
    "one non-empty reply to {sent}": "une réponse non vide à {sent}",
    "no reply to {sent} (see HELLO-1)": "aucune réponse à {sent} (voir HELLO-1)",
    "connection {outcome}": "connexion : {outcome}",
    "{seen}, and more arrived: {extra}": "{seen}, et d'autres octets sont arrivés : {extra}",
    "each of {count} simultaneous clients gets the replies to its own messages, and only those":
        "chacun des {count} clients simultanés reçoit les réponses à ses propres messages, et seulement celles-là",
    "client {index} sent {text} and got {reply}": "le client {index} a envoyé {text} et reçu {reply}",
    "{seen} (carrying other clients' messages: {others})": "{seen} (avec les messages d'autres clients : {others})",
    "nothing for a client that sent nothing while {text} was answered":
        "rien pour un client qui n'a rien envoyé, pendant que {text} recevait sa réponse",
    "a client that sent nothing received {data} while {text} was answered: replies go to other clients (see PAR-2)":
        "un client qui n'a rien envoyé a reçu {data} pendant que {text} recevait sa réponse : les réponses vont"
        " à d'autres clients (voir PAR-2)",
    "the server exited (code 0) after {what}, without crashing: see SEQ-1":
        "le serveur s'est terminé (code 0), sans planter, après ceci : {what} ; voir SEQ-1",
    "exchange {number}: a reply to {text}, and the session goes on":
        "échange {number} : une réponse à {text}, et la session continue",
    "exchange {number}: a reply, and the session goes on": "échange {number} : une réponse, et la session continue",
    "exchange {number} on the same connection: a reply to {text}":
        "échange {number} sur la même connexion : une réponse à {text}",
    "{text} gets a reply and the session goes on": "{text} reçoit une réponse et la session continue",
    "the first client: {why}": "le premier client : {why}",
    "the entry {text} stored unchanged (found by /find, spaces included)":
        "l'entrée {text} enregistrée sans modification (trouvée par /find, espaces compris)",
    "the positions of {text} within the reply timeout (a command never freezes the server)":
        "les positions de {text} dans le délai de réponse (une commande ne bloque jamais le serveur)",
    "client B finds {text}, stored by client A": "le client B trouve {text}, enregistré par le client A",
    "{clients} clients x {messages} messages stored at the same time: each found exactly once, in its client's order, unchanged":
        "{clients} clients x {messages} messages enregistrés en même temps : chacun trouvé exactement une fois,"
        " dans l'ordre de son client, sans modification",
    "one acknowledgement (not an error reply) for storing {text}":
        "un accusé de réception (pas une réponse d'erreur) pour l'enregistrement de {text}",
    "/find does not find {text} right after storing it (see STORE-2)":
        "/find ne trouve pas {text} juste après son enregistrement (voir STORE-2)",
    "two positions, increasing, separated by one space, for {text} (stored twice)":
        "deux positions croissantes, séparées par une espace, pour {text} (enregistré deux fois)",
    "1-based positions: {text} at the position /find gives":
        "positions comptées à partir de 1 : {text} à la position donnée par /find",
    "/find gave {first}, but /get {next} gives {text}: positions counted from 0":
        "/find a donné {first}, mais /get {next} donne {text} : positions comptées à partir de 0",
    "/get {position} gives back exactly {text}": "/get {position} rend exactement {text}",
    "/get {position} gives back exactly {text} (generated with --seed {seed})":
        "/get {position} rend exactement {text} (généré avec --seed {seed})",
    "writer {index}: the connection ended after storing {text}":
        "rédacteur {index} : la connexion s'est terminée après l'enregistrement de {text}",
    "/find {text} did not answer with positions (see STORE-2): {reply}":
        "/find {text} n'a pas répondu par des positions (voir STORE-2) : {reply}",
    "{text} is at {position}, not after {previous} at {previous_position} (out of the order it was sent in)":
        "{text} est à la position {position}, pas après {previous} à la position {previous_position}"
        " (pas dans l'ordre d'envoi)",
    "/find {text}: expected exactly one position, got {reply}":
        "/find {text} : attendu exactement une position, reçu {reply}",
    "/find's positions are 0-based (see STORE-2): {text}":
        "les positions de /find commencent à 0 (voir STORE-2) : {text}",
    "/get changes the text (see STORE-3): {reply}": "/get modifie le texte (voir STORE-3) : {reply}",
    "an error reply to {message}: no entry at that position":
        "une réponse d'erreur à {message} : aucune entrée à cette position",
    "/get {position}: expected {text} (mangled?), got {reply}":
        "/get {position} : attendu {text} (abîmé ?), reçu {reply}",
    # -- a client under test (client_under_test/*, checks/client/*) -------------------------------
    "the client exited with code {code} before connecting\n{output}":
        "le client s'est terminé avec le code {code} avant de se connecter\n{output}",
    "typed on the client's standard input: {line}": "tapé sur l'entrée standard du client : {line}",
    "step {step} client ({framing} framing); C> the client sent, S> the suite (its server) sent":
        "client de l'étape {step} (cadrage {framing}) ; C> ce que le client a envoyé, S> ce que l'outil"
        " de vérification (son serveur) a envoyé",
    "the client exited with code {code}": "le client s'est terminé avec le code {code}",
    "could not send: {error}": "envoi impossible : {error}",
    "nothing listens: the client's connect() goes to port {port}, refused":
        "rien n'écoute : le connect() du client va au port {port}, refusé",
    "client exit code: {code}": "code de sortie du client : {code}",
    # -- usage errors (core/settings.py) ---------------------------------------------------------
    "--target {value}: the port must be a number from 1 to 65535":
        "--target {value} : le port doit être un nombre de 1 à 65535",
    "--target {value}: write an IPv6 address as [::1]:PORT": "--target {value} : écrivez une adresse IPv6 [::1]:PORT",
    "--target {value}: expected HOST:PORT, e.g. 127.0.0.1:63000":
        "--target {value} : attendu HÔTE:PORT, par exemple 127.0.0.1:63000",
    "--target and --server-cmd are exclusive: give one of them":
        "--target et --server-cmd s'excluent : donnez l'un des deux",
    "--client-cmd checks a client, --target and --server-cmd a server: give one of them":
        "--client-cmd vérifie un client, --target et --server-cmd un serveur : donnez l'un d'eux",
    "--framing {value}: choose auto, raw or line": "--framing {value} : choisissez auto, raw ou line",
    "--framing {value} with --client-cmd: say the framing of the server the client is written for, raw"
    " (the handout's, default) or line":
        "--framing {value} avec --client-cmd : donnez le cadrage du serveur pour lequel le client est écrit, raw"
        " (celui de l'énoncé, par défaut) ou line",
    "{option} {value}: not a folder": "{option} {value} : pas un dossier",
    "--lang {value}: choose one of {choices}": "--lang {value} : choisissez parmi {choices}",
    "{option} {value}: expected a number of seconds": "{option} {value} : attendu un nombre de secondes",
    "{option} {value}: expected at least {minimum} seconds": "{option} {value} : attendu au moins {minimum} secondes",
    "{option} '': the command is empty": "{option} '' : la commande est vide",
    "--step is required with {option}: say which step (1-8) the {role} implements, e.g. --step 3":
        "--step est obligatoire avec {option} : dites quelle étape (1 à 8) votre programme ({role}) réalise,"
        " par exemple --step 3",
    "--step {value}: steps are numbers from 1 to 8": "--step {value} : les étapes sont des nombres de 1 à 8",
    "--seed {value}: expected a whole number from 0 to {maximum}":
        "--seed {value} : attendu un nombre entier de 0 à {maximum}",
    # -- the run (plugin, results) ---------------------------------------------------------------
    "{role} did not start: {error}": "{role} n'a pas démarré : {error}",
    # -- the grader's reasons, as the platforms' results and the feedback show them (tools/grade) --
    "the server does not do what step {step} asks: none of {names} holds, so the other clauses "
    "it passes earn nothing (is this the server of another step?)":
        "le serveur ne fait pas ce que l'étape {step} demande : aucune de {names} n'est "
        "respectée, donc les autres clauses qu'il respecte ne rapportent rien (est-ce le serveur "
        "d'une autre étape ?)",
    "no {files} in the submission folder": "pas de {files} dans le dossier rendu",
    "found {found} instead: rename it to {name} (or the teacher grades it with --server-file / "
    "--layout)": "trouvé {found} à la place : renommez-le en {name} (ou l'enseignant le corrige "
                 "avec --server-file / --layout)",
    "found {found} instead: rename it to {name} (or the teacher grades it with --layout)":
        "trouvé {found} à la place : renommez-le en {name} (ou l'enseignant le corrige avec "
        "--layout)",
    "{links} is a link, which the grader does not follow: put the files themselves there":
        "{links} est un lien, que le correcteur ne suit pas : mettez-y les fichiers eux-mêmes",
    "{links} are links, which the grader does not follow: put the files themselves there":
        "{links} sont des liens, que le correcteur ne suit pas : mettez-y les fichiers eux-mêmes",
}
